/**
 * The local console: the same commands as on Discord, typed as text. Interactive on a terminal;
 * reading one command per line (and exiting at the end of input) otherwise. With --json, stdout
 * carries exactly one JSON object per command line and nothing else.
 */
import { warmDictionary } from '../search/lexicon.ts';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, Command } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import type { LiveCorpus } from '../corpus/live.ts';
import type { Locale } from '../i18n.ts';
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

/** Answers one console line; null for a blank line or a comment. */
export async function answerLine(line: string, options: ConsoleOptions): Promise<Reply | null> {
  const parsed = parseLine(line, options.commands);
  if (!parsed) return null;
  const { live } = options;
  const context = { index: live.index, locale: options.locale ?? 'en', reload: () => live.reload(), moderator: options.actor ?? consoleActor() } as const;
  return runCommand(options.commands, parsed.name, parsed.options, context, options.onError);
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
  if (io.interactive) lines.prompt();
  for await (const line of lines) {
    if (io.interactive && /^(exit|quit|\.exit)$/i.test(line.trim())) break;
    const reply = await answerLine(line, options);
    if (reply) io.output.write(render(reply, options));
    if (io.interactive) lines.prompt();
  }
  lines.close();
}
