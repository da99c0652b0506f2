/**
 * "Find in the summit reports": a message context-menu command (Discord's type 3, MESSAGE) that
 * looks up the text of any message as /ask does, so that someone reading a claim in a channel
 * can check it against the reports in two clicks.
 *
 * A message is not a question: it holds mentions, links, custom emoji, timestamps and markdown.
 * Those are taken out (a mention names a member of the server, not a speaker; a link's address
 * is no topic), the words kept; nothing of it can ping anyone, since every answer is sent with
 * allowed_mentions parse [] and echoed text is escaped. A message longer than /ask's question
 * limit is looked up by its first part, cut after a sentence or a word where one ends near the
 * limit, and the answer says so.
 *
 * The answer is ephemeral: the one who checks a claim asks for themselves. A public answer to
 * someone else's message would read as the bot calling them out, repeat their words in the
 * channel under the checker's name, and make a reply for every check; whoever wants to share
 * what the reports say can run /ask in the open.
 */
import { ApplicationCommandType, type RESTPostAPIContextMenuApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { errorReply, type Command } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import { GUILD_ONLY } from '../../commands/shared.ts';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import type { SearchIndex } from '../search/index.ts';
import { splitGraphemes } from './limits.ts';

export const FIND_IN_REPORTS = {
  type: ApplicationCommandType.Message,
  name: 'Find in the summit reports',
  name_localizations: { 'zh-TW': '在峰會報道中查找', 'zh-CN': '在峰会报道中查找' },
  contexts: [...GUILD_ONLY],
} satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** How much of the limit a cut after a sentence or a word may leave unused. */
const CUT_SLACK = 0.4;

const MARKUP: [RegExp, string][] = [
  // Code fences: the language name after ``` is no word of the message.
  [/```[\w+-]*\n?/g, ' '],
  // A masked link keeps its words: [the report](https://…) → the report.
  [/\[([^\]\n]{1,200})\]\(\s*<?https?:\/\/[^)\s]*>?\s*\)/g, '$1'],
  // Links, with or without <> around them.
  [/<?\bhttps?:\/\/[^\s>]+>?/gi, ' '],
  // Mentions of members, roles, channels and commands; timestamps; custom emoji.
  [/<(?:@[!&]?\d+|#\d+|\/[^:>\n]{1,64}:\d+|t:-?\d+(?::[tTdDfFR])?|a?:\w{1,32}:\d+)>/g, ' '],
  [/@(?:everyone|here)\b/g, ' '],
  // Block quotes, headings, subtext and list marks at the start of a line.
  [/^[ \t]*(?:>>>\s?|>\s?|#{1,3}\s|-#\s|[-*+]\s|\d{1,3}[.)]\s)/gm, ' '],
  // Emphasis, strike-through, spoilers, inline code: the marks, not the words.
  [/\*{1,3}|_{2}|~~|\|\||`+/g, ' '],
  // A backslash escaping a mark.
  [/\\(?=[\\*_~`|<>[\]#-])/g, ''],
];

export interface MessageQuery {
  /** The words to look up; empty when the message holds none. */
  query: string;
  /** Characters of the message's words before any cut. */
  length: number;
  /** The words were more than `max`: `query` is their first part. */
  cut: boolean;
}

/** The words of a message's text, as a question of at most `max` characters. */
export function queryOfMessage(content: string, max: number): MessageQuery {
  let text = content;
  for (const [pattern, replacement] of MARKUP) text = text.replace(pattern, replacement);
  // Single underscores around a word are emphasis too; inside a word (snake_case) they stay.
  text = text.replace(/(^|\s)_(\S[^_\n]*?)_(?=\s|$)/g, '$1$2');
  text = text.replace(/\s+/g, ' ').trim();
  const length = text.length;
  if (length <= max) return { query: text, length, cut: false };
  return { query: firstPart(text, max), length, cut: true };
}

/**
 * The first part of `text` within `max` characters: up to the last sentence end in it, else the
 * last space or Chinese comma, unless that leaves much of the limit unused; else at a character
 * boundary.
 */
function firstPart(text: string, max: number): string {
  let head = '';
  for (const g of splitGraphemes(text)) {
    if (head.length + g.length > max) break;
    head += g;
  }
  const floor = Math.floor(max * (1 - CUT_SLACK));
  const sentence = Math.max(...[...head.matchAll(/[。！？!?]|[.;](?=\s)/g)].map((m) => m.index + m[0].length), -1);
  if (sentence >= floor) return head.slice(0, sentence).trim();
  const word = Math.max(head.lastIndexOf(' '), ...[...head.matchAll(/[，、；,]/g)].map((m) => m.index + 1), -1);
  if (word >= floor && text[head.length] !== undefined && !/\s/.test(text[head.length]!)) return head.slice(0, word).trim();
  return head.trim();
}

/** /ask's longest question: what the menu may look up. */
export function askLimit(commands: readonly Command[]): number {
  const option = commands.find((c) => c.definition.name === 'ask')?.definition.options?.[0];
  return option && 'max_length' in option && option.max_length ? option.max_length : 200;
}

export interface Found {
  /** What was looked up: /ask's options (a page button asks them again). */
  query: MessageQuery;
  reply: Reply;
  /** Said in the message's text, beside the answer: only the message's first part was looked up. */
  note?: string;
}

/** The menu's answer to a message's text: /ask on its words, or why there are none. */
export async function findInReports(commands: readonly Command[], content: string, index: SearchIndex, locale: Locale, onError?: (error: unknown, ref: string) => void): Promise<Found> {
  const max = askLimit(commands);
  const query = queryOfMessage(content, max);
  if (query.query === '') return { query, reply: errorReply('ask', locale, 'missing_option', t(locale, 'error.message.empty')) };
  const reply = await runCommand(commands, 'ask', { query: query.query }, { index, locale }, onError);
  return { query, reply, ...(query.cut ? { note: t(locale, 'notice.message.cut', { length: query.length, max }) } : {}) };
}
