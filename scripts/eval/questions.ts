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

const readQuestions = (file: string): Question[] => questionSchema.parse(JSON.parse(readFileSync(join(ROOT, 'test/fixtures', file), 'utf8')));

/** The questions the search was tuned on. */
export const QUESTIONS: Question[] = readQuestions('cross-language-questions.json');
/**
 * Questions written by someone who never saw the code and kept aside: never read while tuning,
 * so their figure tells how the search does on wordings nobody tuned for.
 */
export const HELD_OUT: Question[] = readQuestions('cross-language-heldout.json');

/** Whether a report is in Chinese (the seed page and the mainland reports) or in English. */
const chineseReport = (report: string) => report.startsWith('000_') || /^(?:xinhua|chinanews)/.test(report);

/** The folder each question's report is asked in. */
export type Corpora = (report: string) => string;

/**
 * Where each question is asked. By default each report alone: the question was written about
 * that report, and other reports of the same summit (which quote other, fictional figures for the
 * same things) would answer it too, rightly, but not with the expected passage. `together` puts
 * every report of a language in one folder, as a moderator's corpus would: the harder measure,
 * reported beside the first. Either way a question meets only passages in the other language
 * (or script), so what is measured is finding across languages.
 */
export function questionCorpora(together = false): Corpora {
  const dirs = new Map<string, string>();
  const folder = (key: string, reports: string[]) => {
    let dir = dirs.get(key);
    if (dir) return dir;
    dir = mkdtempSync(join(tmpdir(), 'summit-questions-'));
    for (const report of reports) {
      if (report.startsWith('000_')) {
        for (const file of [report, report.replace(/\.txt$/, '.json'), 'aliases.json']) copyFileSync(join(ROOT, 'corpus', file), join(dir, file));
      } else copyFileSync(join(ROOT, 'test/fixtures/attribution/dev', report), join(dir, report));
    }
    dirs.set(key, dir);
    return dir;
  };
  const reports = [...new Set([...QUESTIONS, ...HELD_OUT].map((q) => q.report))];
  return (report) => {
    if (!together) return folder(report, [report]);
    const chinese = chineseReport(report);
    return folder(
      chinese ? 'zh' : 'en',
      reports.filter((r) => chineseReport(r) === chinese),
    );
  };
}

export interface QuestionResult {
  question: Question;
  found: boolean;
  /** The first passages' texts, for a reader to see what came instead. */
  got: string[];
}

const OPTION = { ask: 'query', stats: 'topic', who: 'topic' } as const;

export async function askAll(corpora: Corpora, tuning: Tuning = {}, questions: Question[] = QUESTIONS): Promise<QuestionResult[]> {
  const indexes = new Map<string, SearchIndex>();
  const indexOf = async (dir: string) => {
    const built = indexes.get(dir);
    if (built) return built;
    const loaded = await loadCorpus(dir);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    const index = SearchIndex.build(loaded.corpus, tuning);
    indexes.set(dir, index);
    return index;
  };
  const commands = await loadCommands();
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const index = await indexOf(corpora(question.report));
    const reply = await runCommand(commands, question.kind, { [OPTION[question.kind]]: question.question }, { index, locale: 'en' });
    // A question the command refuses (too long for the option) is a defect of the set, not a miss.
    if (reply.error) throw new Error(`${question.question}: ${reply.error.message}`);
    const got = reply.passages.slice(0, 3).map((p) => p.passage.text);
    const piece = question.expected.replace(/\s+/g, '');
    results.push({ question, found: got.some((t) => t.replace(/\s+/g, '').includes(piece)), got });
  }
  return results;
}
