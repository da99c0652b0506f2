/**
 * The local console: the same commands as on Discord, typed as text. Interactive on a terminal;
 * reading one command per line (and exiting at the end of input) otherwise. With --json, stdout
 * carries exactly one JSON object per command line and nothing else. A change to the corpus
 * (/corpus add path:FILE) is previewed, then asked about: the next line answers y or n (the end
 * of the input is a no); `--yes` on the command line of `npm start`, or at the end of the line,
 * answers yes for scripts.
 */
import { readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { decide } from '../../commands/corpus.ts';
import type { Actor, Command, FileRead } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import type { LiveCorpus } from '../corpus/live.ts';
import { MAX_ARTICLE_BYTES } from '../corpus/load.ts';
import type { CorpusManager } from '../corpus/manage.ts';
import { warmDictionary } from '../search/lexicon.ts';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import { renderJson } from '../render/json.ts';
import { renderText } from '../render/text.ts';
import { parseLine } from './parse.ts';

export interface ConsoleOptions {
  live: LiveCorpus;
  commands: readonly Command[];
  json: boolean;
  locale?: Locale;
  color?: boolean;
  onError?: (error: unknown, ref: string) => void;
  /** Who runs the console, for the corpus's audit (default: the login). */
  actor?: Actor;
  /** Changes the corpus folder (/corpus add); without it the console only reads. */
  manager?: CorpusManager;
  /** Confirm every change without asking (scripts). */
  yes?: boolean;
}

/** Whoever has the console has the host: a moderator, named by their login. */
export function consoleActor(): Actor {
  let name = process.env.USER ?? 'operator';
  try {
    name = userInfo().username;
  } catch {
    // No password entry for this uid (a container): the environment's name will do.
  }
  return { id: `console:${name}`, name };
}

/** A file named in the console, read as the loader would: a regular file, its size checked first. */
export async function readLocalFile(path: string): Promise<FileRead> {
  const name = basename(path);
  try {
    const info = await stat(resolve(path));
    if (!info.isFile()) return { ok: false, name, message: 'not a regular file' };
    if (info.size > MAX_ARTICLE_BYTES) return { ok: false, name, message: `the file is ${(info.size / 1048576).toFixed(1)} MB; a page may be at most ${MAX_ARTICLE_BYTES / 1048576} MB` };
    return { ok: true, name, bytes: await readFile(resolve(path)) };
  } catch (error) {
    return { ok: false, name, message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error})` };
  }
}

/**
 * Answers one console line; null for a blank line or a comment. `recent`: the passage ids of the
 * last answer, in its order, so that `/context 2` is its passage 2.
 */
export async function answerLine(line: string, options: ConsoleOptions, recent: readonly string[] = []): Promise<Reply | null> {
  const parsed = parseLine(line, options.commands);
  if (!parsed) return null;
  const number = parsed.name === 'context' && /^\d{1,4}$/.test(parsed.options.passage ?? '') ? Number(parsed.options.passage) : null;
  const byNumber = number !== null ? recent[number - 1] : undefined;
  if (byNumber) parsed.options.passage = byNumber;
  const { live, manager } = options;
  const moderator = options.actor ?? consoleActor();
  const context = {
    index: live.index,
    locale: options.locale ?? 'en',
    moderator,
    console: true,
    // Through the manager, a reload waits for no change and is audited.
    reload: () => (manager ? manager.reload(moderator) : live.reload()),
    ...(manager ? { manager, readFile: readLocalFile } : {}),
  };
  const reply = await runCommand(options.commands, parsed.name, parsed.options, context, options.onError);
  return byNumber && reply.ok ? { ...reply, title: t(context.locale, 'title.context.n', { n: number! }) } : reply;
}

/** The answer to a change's question: made, or dropped. */
export function answerChange(reply: Reply, yes: boolean, options: ConsoleOptions): Promise<Reply> {
  return decide(reply.confirm!.id, yes, { manager: options.manager!, moderator: options.actor ?? consoleActor(), locale: options.locale ?? 'en' });
}

export function render(reply: Reply, options: ConsoleOptions): string {
  return options.json ? `${renderJson(reply)}\n` : renderText(reply, options.locale ?? 'en', { color: options.color ?? false });
}

export const GREETING =
  'No DISCORD_TOKEN found, so this is the local console: type the same commands as in Discord, e.g.\n' +
  '  /ask query:數據跨境 流動   /who speaker:CY Leung topic:隱私   /trends   /help\n' +
  'To go live on Discord, put DISCORD_TOKEN (and DISCORD_APPLICATION_ID) in .env — see README.md.\n';

export async function runConsole(options: ConsoleOptions, io: { input: Readable; output: Writable; errors: Writable; interactive: boolean }): Promise<void> {
  (io.interactive && !options.json ? io.output : io.errors).write(GREETING);
  // Read the dictionary in slices while the user types, so the first English question is quick.
  if (io.interactive) void warmDictionary();
  const lines = createInterface({ input: io.input, terminal: io.interactive, ...(io.interactive ? { output: io.output, prompt: 'summit> ' } : {}) });
  const input = lines[Symbol.asyncIterator]();
  // The passages of the last answer with passages: what /context N refers to.
  let recent: string[] = [];
  if (io.interactive) lines.prompt();
  for (;;) {
    const next = await input.next();
    if (next.done) break;
    const line = next.value;
    if (io.interactive && /^(exit|quit|\.exit)$/i.test(line.trim())) break;
    const yesOnLine = /\s--yes\s*$/.test(line);
    const reply = await answerLine(line.replace(/\s--yes\s*$/, ''), options, recent);
    if (reply) io.output.write(render(reply, options));
    if (reply?.ok && reply.passages.length > 0 && !reply.context) recent = reply.passages.map((q) => q.passage.id);
    if (reply?.confirm && options.manager) {
      let yes = Boolean(options.yes) || yesOnLine;
      if (!yes) {
        // The question goes where it does not mix with --json's one object per line.
        const locale = options.locale ?? 'en';
        const asked = io.interactive && !options.json ? io.output : io.errors;
        asked.write(t(locale, 'corpus.question', { action: t(locale, `corpus.question.${reply.confirm.action}`) }));
        const answer = await input.next();
        yes = !answer.done && /^\s*y(es)?\s*$/i.test(answer.value);
        // A terminal shows what was typed; a log of a piped run shows the answer too.
        if (!io.interactive) asked.write(`${answer.done ? '' : answer.value}\n`);
      }
      io.output.write(render(await answerChange(reply, yes, options), options));
    }
    if (io.interactive) lines.prompt();
  }
  lines.close();
}
