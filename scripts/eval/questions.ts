/**
 * The cross-language golden questions (test/fixtures/cross-language-questions.json): English
 * questions about the Chinese page, Chinese ones about the English and Simplified reports, each
 * with a verbatim piece of the passage that answers it. Asked through the same path as the console
 * and Discord (see questionCorpora for which reports each meets); a question is answered when the
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

/** Whether a report is in Chinese (the seed page and the mainland reports) or in English. */
const chineseReport = (report: string) => report.startsWith('000_') || /^(?:xinhua|chinanews)/.test(report);

/**
 * Two corpus folders: the Chinese reports and the English ones. A question is asked of the
 * folder its report is in, so an English question about the Chinese page meets only Chinese
 * passages: what is measured is finding across languages, not a same-language report on the
 * same topic answering first.
 */
export function questionCorpora(): { zh: string; en: string } {
  const make = (chinese: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'summit-questions-'));
    if (chinese) {
      copyFileSync(join(ROOT, 'corpus/000_f273cfefe06868c5.txt'), join(dir, '000_f273cfefe06868c5.txt'));
      copyFileSync(join(ROOT, 'corpus/000_f273cfefe06868c5.json'), join(dir, '000_f273cfefe06868c5.json'));
      copyFileSync(join(ROOT, 'corpus/aliases.json'), join(dir, 'aliases.json'));
    }
    for (const report of new Set(QUESTIONS.map((q) => q.report))) {
      if (report.startsWith('000_') || chineseReport(report) !== chinese) continue;
      copyFileSync(join(ROOT, 'test/fixtures/attribution/dev', report), join(dir, report));
    }
    return dir;
  };
  return { zh: make(true), en: make(false) };
}

export interface QuestionResult {
  question: Question;
  found: boolean;
  /** The first passages' texts, for a reader to see what came instead. */
  got: string[];
}

const OPTION = { ask: 'query', stats: 'topic', who: 'topic' } as const;

export async function askAll(corpora: { zh: string; en: string }, tuning: Tuning = {}): Promise<QuestionResult[]> {
  const indexOf = async (dir: string) => {
    const loaded = await loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    return SearchIndex.build(loaded.corpus, tuning);
  };
  const indexes = { zh: await indexOf(corpora.zh), en: await indexOf(corpora.en) };
  const commands = await loadCommands();
  const results: QuestionResult[] = [];
  for (const question of QUESTIONS) {
    const index = chineseReport(question.report) ? indexes.zh : indexes.en;
    const reply = await runCommand(commands, question.kind, { [OPTION[question.kind]]: question.question }, { index, locale: 'en' });
    const got = reply.passages.slice(0, 3).map((p) => p.passage.text);
    const piece = question.expected.replace(/\s+/g, '');
    results.push({ question, found: got.some((t) => t.replace(/\s+/g, '').includes(piece)), got });
  }
  return results;
}
