/**
 * Scores attribution against the labelled fixtures: articles whose every sentence a careful
 * reader has given a speaker (or none), written independently of the ingester.
 *
 * A gold passage is located in the ingester's passages by its text, whatever the ingester's own
 * sentence split: the passage that contains it, else the passages it contains (a gold sentence the
 * ingester split in two counts as right only if every piece is). Precision counts the gold
 * passages given a speaker by the ingester; recall the gold passages with a speaker. Figures count
 * as found when a figure of the article overlaps the gold text and has its value.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { deriveMeta, decodePage } from '../../src/corpus/load.ts';
import { ingestArticle } from '../../src/ingest/article.ts';
import type { Article, Passage } from '../../src/model.ts';
import { fold } from '../../src/text/fold.ts';

const goldSchema = z.object({
  style: z.string().min(1),
  description: z.string().optional(),
  language: z.string().optional(),
  source: z.string().optional(),
  date: z.string().optional(),
  people: z.array(z.object({ name: z.string().min(1), gender: z.enum(['male', 'female']).nullable().optional(), roles: z.array(z.string()).optional(), forms: z.array(z.string()).optional() })),
  passages: z.array(z.object({ text: z.string().min(1), speaker: z.string().nullable() })),
  figures: z.array(z.object({ text: z.string().min(1), value: z.number() })),
});
export type Gold = z.infer<typeof goldSchema>;

export interface Tally {
  /** Gold passages the ingester gave a speaker, and how many of those are right. */
  predicted: number;
  correct: number;
  /** Gold passages with a speaker. */
  attributed: number;
  /** Gold passages the ingester did not find at all. */
  unlocated: number;
  figures: number;
  figuresFound: number;
}

export interface Miss {
  file: string;
  text: string;
  gold: string | null;
  got: string | null;
}

export interface ArticleScore {
  file: string;
  style: string;
  tally: Tally;
  misses: Miss[];
  article: Article;
}

const empty = (): Tally => ({ predicted: 0, correct: 0, attributed: 0, unlocated: 0, figures: 0, figuresFound: 0 });

export function add(a: Tally, b: Tally): Tally {
  return {
    predicted: a.predicted + b.predicted,
    correct: a.correct + b.correct,
    attributed: a.attributed + b.attributed,
    unlocated: a.unlocated + b.unlocated,
    figures: a.figures + b.figures,
    figuresFound: a.figuresFound + b.figuresFound,
  };
}

export const precision = (t: Tally) => (t.predicted === 0 ? 1 : t.correct / t.predicted);
export const recall = (t: Tally) => (t.attributed === 0 ? 1 : t.correct / t.attributed);
export const figureRecall = (t: Tally) => (t.figures === 0 ? 1 : t.figuresFound / t.figures);

/** Layout breaks removed, the way the ingester rejoins a paragraph: compare texts without them. */
const squash = (s: string) => s.replace(/\s+/g, '');

function locate(gold: string, passages: Passage[]): Passage[] {
  const g = squash(gold);
  const containing = passages.find((p) => squash(p.text).includes(g));
  if (containing) return [containing];
  return passages.filter((p) => p.text.trim().length > 0 && g.includes(squash(p.text)));
}

export function scoreArticle(file: string, text: string, gold: Gold): ArticleScore {
  const stem = file.replace(/\.txt$/, '');
  const article = ingestArticle(text, deriveMeta(text, stem, file));
  const tally = empty();
  const misses: Miss[] = [];
  // The gold person a speaker name stands for: by any of the person's written forms.
  const personOf = new Map<string, string>();
  for (const person of gold.people) personOf.set(fold(person.name), person.name);
  const same = (got: string, want: string) => fold(got) === fold(want);

  for (const g of gold.passages) {
    const found = locate(g.text, article.passages);
    if (g.speaker) tally.attributed++;
    if (found.length === 0) {
      tally.unlocated++;
      misses.push({ file, text: g.text, gold: g.speaker, got: '(not found)' });
      continue;
    }
    const speakers = [...new Set(found.map((p) => p.attribution?.speaker ?? null))];
    const got = speakers.length === 1 ? speakers[0]! : speakers.filter(Boolean).join(' / ') || null;
    if (got !== null) tally.predicted++;
    const right = got !== null && g.speaker !== null && speakers.length === 1 && same(got, g.speaker);
    if (right) tally.correct++;
    if (!right && !(got === null && g.speaker === null)) misses.push({ file, text: g.text, gold: g.speaker, got });
  }
  for (const f of gold.figures) {
    tally.figures++;
    const g = squash(f.text);
    const hit = article.figures.some((x) => {
      const t = squash(x.text);
      return (t.includes(g) || g.includes(t)) && Math.abs(x.value - f.value) <= Math.abs(f.value) * 1e-6;
    });
    if (hit) tally.figuresFound++;
    else misses.push({ file, text: `figure ${f.text} = ${f.value}`, gold: null, got: 'figure not found' });
  }
  return { file, style: stem, tally, misses, article };
}

/** Every `NAME.txt` in `dir` with its labels in `gold/NAME.json` (a folder the corpus loader does not read). */
export function scoreFolder(dir: string): ArticleScore[] {
  const scores: ArticleScore[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const bytes = readFileSync(join(dir, file));
    const decoded = decodePage(bytes, file);
    if ('message' in decoded) throw new Error(`${file}: ${decoded.message}`);
    const gold = goldSchema.parse(JSON.parse(readFileSync(join(dir, 'gold', file.replace(/\.txt$/, '.json')), 'utf8')));
    scores.push(scoreArticle(file, decoded.text, gold));
  }
  return scores;
}

export function byStyle(scores: ArticleScore[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const s of scores) out.set(s.style, add(out.get(s.style) ?? empty(), s.tally));
  return out;
}

export const total = (scores: ArticleScore[]) => scores.reduce((t, s) => add(t, s.tally), empty());
