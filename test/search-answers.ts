/**
 * The answers the search gives, recorded, so that a change to how it finds and scores passages
 * can be proved to change no answer (test/search-answers.test.ts). For each corpus — the real
 * page, the page with other papers' reports, the wire fixtures, the labelled reports of every
 * style, and a synthetic corpus of 10,000 passages — the questions of the golden set, of the
 * benchmark and of the tuned cross-language set, plus typos, prefixes, numbers and names, each
 * asked plainly, of one speaker, and of attributed passages only; and every command of the
 * benchmark's query set. An answer is its mode, the words no report holds, and its passages in
 * order with their scores.
 *
 * `RECORD_ANSWERS=1 npx vitest run test/search-answers.test.ts` writes them again (only when a
 * change of the answers is meant: say why in its commit).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCommands, runCommand } from '../commands/index.ts';
import type { Corpus } from '../src/corpus/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { QUERIES } from '../bench/queries.ts';
import { writeCorpus } from '../bench/synth.ts';
import { GOLDEN } from './golden.ts';
import { CORPUS_DIR, FIXTURES, load, STYLES_DIR, tempDir } from './helpers.ts';

export const ANSWERS_FILE = join(FIXTURES, 'search-answers.json');

/** What the recorded answers are asked of: each a folder built for the purpose. */
export function answerCorpora(): Record<string, () => string> {
  const copy = (froms: string[], only?: (name: string) => boolean) => {
    const dir = tempDir();
    for (const from of froms) for (const f of readdirSync(from, { withFileTypes: true })) if (f.isFile() && (!only || only(f.name))) copyFileSync(join(from, f.name), join(dir, f.name));
    return dir;
  };
  return {
    seed: () => CORPUS_DIR,
    styles: () => copy([CORPUS_DIR, STYLES_DIR]),
    wire: () => join(FIXTURES, 'corpus-wire'),
    labelled: () => copy([join(FIXTURES, 'attribution/dev')]),
    synthetic: () => {
      const dir = join(tempDir(), 'synthetic');
      mkdirSync(dir);
      writeCorpus(dir, 10_000, 7);
      return dir;
    },
  };
}

const EXTRA = [
  'privcy',
  'goverment data',
  'financ',
  'fin',
  'data',
  'Data Governance',
  'cross border',
  'AI',
  'ai 監管',
  '350億',
  '1,060億美元',
  '80%',
  '2025',
  '香港',
  '數據',
  '数据 香港 发展',
  '梁振英',
  '陳茂波 數據',
  'Paul Chan',
  'Margaret Ko',
  '財爺',
  'the financial secretary',
  '量',
  '什麼',
  'what did they say',
  'blockchain tokenisation',
  'supercomputing centre',
  '人工智能 超算 中心 數碼港',
  'quantum',
  'members',
];

function questions(): string[] {
  const cross = JSON.parse(readFileSync(join(FIXTURES, 'cross-language-questions.json'), 'utf8')) as { question: string }[];
  const all = [
    ...GOLDEN.filter((g) => g.line.startsWith('/ask query:')).map((g) => g.line.slice('/ask query:'.length)),
    ...QUERIES.ask.map((q) => q.query!),
    ...cross.map((q) => q.question),
    ...EXTRA,
  ];
  return [...new Set(all)];
}

type Answer = { mode: string; missing: string[]; hits: [string, number][] };

const round = (x: number) => Number(x.toPrecision(12));

function answer(index: SearchIndex, query: string, options: Parameters<SearchIndex['find']>[1]): Answer {
  const outcome = index.find(query, options);
  return { mode: outcome.mode, missing: outcome.missing, hits: outcome.hits.map((h) => [h.passage.id, round(h.score)]) };
}

/** Every recorded answer of one corpus, keyed by how it was asked. */
export async function answersOf(corpus: Corpus, index = SearchIndex.build(corpus)): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // The speakers with most passages: asked of them alone.
  const speakers = [...corpus.speakers]
    .map((s) => ({ name: s.name, n: index.passagesBy(s.name).length }))
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : 1))
    .slice(0, 2)
    .map((s) => s.name);
  for (const q of questions()) {
    out[`find ${q}`] = answer(index, q, { limit: 20 });
    out[`attributed ${q}`] = answer(index, q, { limit: 20, filter: (p) => p.attribution !== null });
    for (const s of speakers) out[`by ${s}: ${q}`] = answer(index, q, { limit: 10, speaker: s });
  }
  const commands = await loadCommands();
  for (const [command, list] of Object.entries(QUERIES)) {
    for (const options of list) {
      const reply = await runCommand(commands, command, options, { index, locale: 'en' });
      out[`/${command} ${JSON.stringify(options)}`] = { ok: reply.ok, notice: reply.notice ?? null, passages: reply.passages.map((p) => p.passage.id) };
    }
  }
  return out;
}

export async function allAnswers(build?: (corpus: Corpus) => SearchIndex): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, dir] of Object.entries(answerCorpora())) {
    const corpus = await load(dir());
    out[name] = await answersOf(corpus, build ? build(corpus) : undefined);
  }
  return out;
}
