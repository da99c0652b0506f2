/**
 * The command loader: every module in this folder that default-exports a command is one. Adding
 * a command is adding a file; nothing else is edited.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { t } from '../src/i18n.ts';
import type { Reply } from '../src/reply.ts';
import { errorReply, parseOptions, type Command, type CommandContext } from './define.ts';

const HELPERS = new Set(['index', 'define', 'shared']);

export async function loadCommands(): Promise<Command[]> {
  const files = readdirSync(import.meta.dirname)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !HELPERS.has(f.replace(/\.(ts|js)$/, '')))
    .sort();
  const modules = await Promise.all(files.map((f) => import(new URL(f, import.meta.url).href) as Promise<{ default: Command }>));
  const commands = modules.map((m) => m.default);
  // /help first lists what people use most.
  const order = ['ask', 'who', 'trends', 'stats', 'context', 'speakers', 'about', 'help', 'reload'];
  return commands.sort((a, b) => rank(a) - rank(b));
  function rank(c: Command) {
    const i = order.indexOf(c.definition.name);
    return i < 0 ? order.length : i;
  }
}

/**
 * Runs one command by name with raw option values: validates them at the edge, runs the handler,
 * and turns anything thrown into a short apology with a reference id — never a stack trace.
 * The console and Discord both come through here.
 */
export async function runCommand(
  commands: readonly Command[],
  name: string,
  raw: Record<string, string | number | boolean>,
  context: Omit<CommandContext, 'commands'>,
  onError: (error: unknown, ref: string) => void = () => {},
): Promise<Reply> {
  const { locale } = context;
  const command = commands.find((c) => c.definition.name === name);
  if (!command) {
    return errorReply(name, locale, 'unknown_command', t(locale, 'error.unknown.command', { command: name, commands: commands.map((c) => `/${c.definition.name}`).join(' ') }));
  }
  const parsed = parseOptions(command.definition, raw, locale);
  if (!parsed.ok) return parsed.reply;
  try {
    return await command.run(parsed.options, { ...context, commands });
  } catch (error) {
    const ref = randomBytes(4).toString('hex');
    onError(error, ref);
    return errorReply(name, locale, 'internal', t(locale, 'error.internal', { ref }));
  }
}
