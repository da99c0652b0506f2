/** Starts a fake Discord and the real bot against it, in this process; logs kept in memory. */
import { cpSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Events } from 'discord.js';
import { readConfig, type BotConfig } from '../../src/config.ts';
import type { LiveCorpus } from '../../src/corpus/live.ts';
import { createBot, type Bot } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { CORPUS_DIR, tempDir } from '../helpers.ts';
import { FakeDiscord, type InvocationOption } from './fake-discord.ts';

export const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfakeT.this-is-a-fake-token-for-tests-only';
export const ADMIN_GUILD = '222222222222222222';
export const OTHER_GUILD = '777777777777777777';
export const MANAGE_GUILD = String(1 << 5);

/** A string option as Discord sends it; `focused` for the option being autocompleted. */
export const str = (name: string, value: string, focused?: boolean) => ({ name, type: 3, value, ...(focused ? { focused } : {}) });
/** A subcommand as Discord sends it: `/corpus show article:…` is `sub('show', str('article', …))`. */
export const sub = (name: string, ...options: InvocationOption[]): InvocationOption => ({ name, type: 1, options });

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  logs: string[];
  /** The first log line (parsed) `match` accepts, waiting for it if need be. */
  waitForLog(match: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

export async function waitForLine(logs: string[], match: (line: Record<string, any>) => boolean, timeoutMs = 10_000): Promise<Record<string, any>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const l of logs) {
      const line = JSON.parse(l) as Record<string, any>;
      if (match(line)) return line;
    }
    if (Date.now() > until) throw new Error(`no matching log line after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startHarness(overrides: Partial<Record<keyof BotConfig, string>> = {}, options: { pageTtlMs?: number; heartbeatInterval?: number; live?: LiveCorpus } = {}): Promise<Harness> {
  const fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD, OTHER_GUILD], ...(options.heartbeatInterval ? { heartbeatInterval: options.heartbeatInterval } : {}) });
  // A copy of the corpus by default: a /reload writes to the folder's audit file.
  const corpusCopy = tempDir();
  cpSync(CORPUS_DIR, corpusCopy, { recursive: true });
  const read = readConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_CDN_URL: fake.cdnUrl,
    DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD,
    CORPUS_DIR: corpusCopy,
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...overrides,
  });
  if (!read.ok) throw new Error(read.problems.join('\n'));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const bot = await createBot({
    config: read.config,
    logger: createLogger('info', sink),
    ...(options.pageTtlMs ? { pageTtlMs: options.pageTtlMs } : {}),
    ...(options.live ? { live: options.live } : {}),
  });
  const ready = new Promise<void>((resolve) => bot.client.once(Events.ClientReady, () => resolve()));
  await bot.client.login(TOKEN);
  await ready;
  return {
    fake,
    bot,
    logs,
    waitForLog: (match, timeoutMs) => waitForLine(logs, match, timeoutMs),
    async stop() {
      await bot.stop();
      await fake.close();
    },
  };
}

interface ShownEmbed {
  description?: string;
  fields?: { name: string; value: string }[];
}

/** A passage as a reader sees it in a reply: its number, the quote (markdown), and the speaker and source lines above it. */
export interface SeenQuote {
  n: number;
  text: string;
  speaker: string;
  source: string;
}

/**
 * The quotes of a reply page as a reader scans them: each `> **n.**` line under the last speaker
 * line (bold: a name and role, or the narrative label) and the last source line (italic) above it.
 */
export function quotesOf(embed: ShownEmbed | undefined): SeenQuote[] {
  const quotes: SeenQuote[] = [];
  let speaker = '';
  let source = '';
  for (const line of (embed?.description ?? '').split('\n')) {
    const quote = /^> \*\*(\d+)\.\*\* (.*)$/.exec(line);
    if (quote) quotes.push({ n: Number(quote[1]), text: quote[2]!, speaker, source });
    else if (line.startsWith('> ') && quotes.length > 0) quotes[quotes.length - 1]!.text += `\n${line.slice(2)}`;
    else if (line.startsWith('**')) speaker = line;
    else if (/^\*[^*].*\*$/.test(line)) source = line;
  }
  return quotes;
}

/** Everything a reader sees in an embed's body: its description and fields. */
export function seen(embed: ShownEmbed | undefined): string {
  return [embed?.description ?? '', ...(embed?.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n');
}
