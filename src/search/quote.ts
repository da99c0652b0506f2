/**
 * Quoting: a passage as a reply shows it, verbatim, with its source, story, speaker and role, and
 * the spans of its text that matched the question. The spans are found in the folded text and
 * mapped back, so 數據 is marked in a passage that wrote 数据.
 */
import type { ArticleMeta, Figure, Passage, Speaker, Story } from '../model.ts';
import { normalize } from './tokenize.ts';

export type Span = [start: number, end: number];

export interface QuotedPassage {
  passage: Passage;
  article: ArticleMeta;
  story: Story | null;
  speaker: { name: string; role: string | null } | null;
  highlights: Span[];
  /** The figures /stats found in it, in the passage's order. */
  figures?: Figure[];
}

/** Where a quote finds what it names beside the passage (the index is one). */
export interface QuoteSources {
  article(id: string): ArticleMeta | undefined;
  story(id: string): Story | undefined;
  speaker(name: string): Speaker | undefined;
}

export function quotePassage(sources: QuoteSources, passage: Passage, highlights: Span[] = [], figures?: Figure[]): QuotedPassage {
  const name = passage.attribution?.speaker;
  const speaker = name ? sources.speaker(name) : undefined;
  const roles = speaker?.roles ?? [];
  return {
    passage,
    article: sources.article(passage.articleId)!,
    story: sources.story(passage.storyId) ?? null,
    speaker: name ? { name, role: roles.length ? roles.join(/\p{Script=Han}/u.test(roles[0]!) ? '、' : '; ') : null } : null,
    highlights,
    ...(figures?.length ? { figures } : {}),
  };
}

/** Where the matched terms stand in the passage, merged into spans of the verbatim text. */
export function highlight(text: string, terms: string[]): Span[] {
  const { text: norm, origin } = normalize(text);
  const marks = new Uint8Array(norm.length);
  for (const term of terms) {
    if (!term) continue;
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
      marks.fill(1, at, at + term.length);
    }
  }
  const spans: Span[] = [];
  for (let i = 0; i < norm.length; i++) {
    if (!marks[i]) continue;
    let j = i;
    while (j + 1 < norm.length && marks[j + 1]) j++;
    spans.push([origin(i), origin(j) + 1]);
    i = j;
  }
  return spans;
}
