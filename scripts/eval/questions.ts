/**
 * The cross-language golden questions (test/fixtures/cross-language-questions.json): English
 * questions about the Chinese page, Chinese ones about the English and Simplified reports, each
 * with a verbatim piece of the passage that answers it. Asked through the same path as the console
 * and Discord, on a corpus of the seed page and those reports; a question is answered when the
 * passage holding the piece is among the first three.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadCommands, runCommand } from '../../commands/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { SearchIndex, type Tuning } from '../../src/search/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const questionSchema = z.array(
  z.object({
    question: z.string().min(1),
    lang: z.enum(['en', 'zh-Hant', 'zh-Hans']),
    report: z.string().min(1),
    expected: z.string().min(1),
    kind: z.enum(['ask', 'stats', 'who']),
  }),
);
export type Question = z.infer<typeof questionSchema>[number];

export const QUESTIONS: Question[] = questionSchema.parse(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/cross-language-questions.json'), 'utf8')));

/** A corpus folder holding the seed page and every report a question is about. */
export function questionCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'summit-questions-'));
  copyFileSync(join(ROOT, 'corpus/000_f273cfefe06868c5.txt'), join(dir, '000_f273cfefe06868c5.txt'));
  copyFileSync(join(ROOT, 'corpus/000_f273cfefe06868c5.json'), join(dir, '000_f273cfefe06868c5.json'));
  copyFileSync(join(ROOT, 'corpus/aliases.json'), join(dir, 'aliases.json'));
  for (const report of new Set(QUESTIONS.map((q) => q.report))) {
    if (report.startsWith('000_')) continue;
    copyFileSync(join(ROOT, 'test/fixtures/attribution/dev', report), join(dir, report));
  }
  return dir;
}

export interface QuestionResult {
  question: Question;
  found: boolean;
  /** The first passages' texts, for a reader to see what came instead. */
  got: string[];
}

const OPTION = { ask: 'query', stats: 'topic', who: 'topic' } as const;

export async function askAll(dir: string, tuning: Tuning = {}): Promise<QuestionResult[]> {
  const loaded = await loadCorpus(dir);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const index = SearchIndex.build(loaded.corpus, tuning);
  const commands = await loadCommands();
  const results: QuestionResult[] = [];
  for (const question of QUESTIONS) {
    const reply = await runCommand(commands, question.kind, { [OPTION[question.kind]]: question.question }, { index, locale: 'en' });
    const got = reply.passages.slice(0, 3).map((p) => p.passage.text);
    const piece = question.expected.replace(/\s+/g, '');
    results.push({ question, found: got.some((t) => t.replace(/\s+/g, '').includes(piece)), got });
  }
  return results;
}
