/**
 * The bot as a process (`npm start`'s entry point) against the fake Discord, stopped while it
 * works: SIGTERM with interactions waiting out a 429, during a reload, with work that outlasts
 * the grace period, a second signal, logs in a terminal, and an exception nobody caught.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.ts';
import { corpusCopy } from '../helpers.ts';
import { ADMIN_GUILD, MANAGE_GUILD, quotesOf, str, TOKEN, waitForLine } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
const EDIT = /^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/;
let nextUser = 1;
const userId = () => String(800000000000000000n + BigInt(nextUser++));

interface BotProcess {
  child: ChildProcess;
  lines: string[];
  waitForLog(match: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  exited: Promise<number | null>;
}

/** Runs src/main.ts in a node process of its own (signals reach it, not a wrapper). */
function startBot(env: Record<string, string>, preload: string[] = []): BotProcess {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('DISCORD_')) delete base[k];
  const args = ['--import', 'tsx', ...preload.flatMap((p) => ['--import', p]), 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // A copy of the corpus: a /reload writes its audit line into the corpus folder.
    env: { ...base, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD, CORPUS_DIR: corpusCopy(), COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info', ...env },
  });
  const lines: string[] = [];
  let rest = '';
  child.stdout!.on('data', (d) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) =>
    child.on('close', (code) => {
      if (rest) lines.push(rest);
      if (stderr) lines.push(JSON.stringify({ msg: 'stderr', stderr }));
      r(code);
    }),
  );
  return { child, lines, exited, waitForLog: (match, timeoutMs) => waitForLine(lines, match, timeoutMs) };
}

async function ready(bot: BotProcess): Promise<void> {
  await bot.waitForLog((l) => l.msg === 'ready', 20_000);
}

const ask = () => fake.command({ name: 'ask', options: [str('query', '量子')], userId: userId() });

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD] });
});
afterAll(async () => {
  await fake?.close();
});

describe('SIGTERM with work in flight', () => {
  it('answers all 20 interactions waiting out a 429, tells a newcomer it is restarting, exits 0', async () => {
    const bot = startBot({});
    await ready(bot);
    const limit = fake.fault(CALLBACK, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false }, retryAfterSeconds: 0.5 });
    const asked = Array.from({ length: 20 }, ask);
    await limit.waitForInteractions(asked);
    bot.child.kill('SIGTERM');
    const stopping = await bot.waitForLog((l) => l.msg === 'shutting down');
    expect(stopping.inFlight).toBe(20);
    // One more arrives during the drain; its answer, too, meets the 429 before the route clears.
    const late = ask();
    await limit.waitForInteractions([late]);
    limit.remove();
    await Promise.all(asked.map((i) => i.waitFor(1, 5000)));
    expect(asked.every((i) => i.responses[0]!.type === 4 && quotesOf(i.shown!.embeds[0]).length > 0)).toBe(true);
    const [notice] = await late.waitFor(1);
    expect(notice!.data).toMatchObject({ flags: 64, content: 'The bot is restarting; ask again in a minute.' });
    expect(await bot.exited).toBe(0);
    const logs = bot.lines.map((l) => JSON.parse(l));
    expect(logs.filter((l) => l.msg === 'interaction' && l.outcome === 'ok')).toHaveLength(20);
    expect(logs.filter((l) => l.msg === 'interaction' && l.outcome === 'restarting')).toHaveLength(1);
    expect(logs.at(-1)).toMatchObject({ msg: 'stopped', inFlight: 20, unfinished: 0 });
  });

  it('completes the deferred reply of a /reload under way', async () => {
    const bot = startBot({});
    await ready(bot);
    const limit = fake.fault(EDIT, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false }, retryAfterSeconds: 0.5 });
    const reload = fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: userId() });
    await limit.waitForInteractions([reload]);
    bot.child.kill('SIGTERM');
    await bot.waitForLog((l) => l.msg === 'shutting down');
    limit.remove();
    const responses = await reload.waitFor(2, 5000);
    expect(responses[0]!.type).toBe(5);
    expect(reload.shown!.embeds[0].description).toContain('Reloaded');
    expect(await bot.exited).toBe(0);
  });

  it('work that outlasts the grace period: the deferred reply says so, and the bot exits 0 soon after', async () => {
    const bot = startBot({ SHUTDOWN_GRACE_SECONDS: '1', DISCORD_REQUEST_TIMEOUT_SECONDS: '60' });
    await ready(bot);
    const hang = fake.fault(EDIT, { hang: true });
    try {
      const reload = fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: userId() });
      await hang.waitForInteractions([reload]);
      const signalled = Date.now();
      bot.child.kill('SIGTERM');
      const [, told] = await reload.waitFor(2, 8000);
      expect(told).toMatchObject({ kind: 'followup', data: { flags: 64, content: 'The bot restarted before it could finish this; run the command again in a minute.' } });
      expect(await bot.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(8000);
      expect(bot.lines.map((l) => JSON.parse(l)).at(-1)).toMatchObject({ msg: 'stopped', unfinished: 1, told: 1 });
    } finally {
      hang.remove();
    }
  });

  it('a second signal exits at once', async () => {
    const bot = startBot({ SHUTDOWN_GRACE_SECONDS: '120', DISCORD_REQUEST_TIMEOUT_SECONDS: '60' });
    await ready(bot);
    const hang = fake.fault(EDIT, { hang: true });
    try {
      const reload = fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: userId() });
      await hang.waitForInteractions([reload]);
      bot.child.kill('SIGTERM');
      await bot.waitForLog((l) => l.msg === 'shutting down');
      const second = Date.now();
      bot.child.kill('SIGINT');
      expect(await bot.exited).toBe(1);
      expect(Date.now() - second).toBeLessThan(3000);
    } finally {
      hang.remove();
    }
  });
});

describe('logs', () => {
  // In a terminal the lines go through pino-pretty; written asynchronously, those still on
  // their way when the process exits were lost (most of a burst). As JSON to a pipe pino
  // already flushed them on exit.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('in a terminal, a burst logged just before an exit arrives whole', async () => {
    const script = join(import.meta.dirname, 'programs/log-burst.ts');
    const run = spawnSync('script', ['-qfec', `${process.execPath} --import tsx ${script}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '').match(/INFO.*: burst\r?\n/g)).toHaveLength(5000);
  });

  it.skipIf(!hasScript)('in a terminal, no line is lost at shutdown', async () => {
    const base = { ...process.env };
    for (const k of Object.keys(base)) if (k.startsWith('DISCORD_')) delete base[k];
    // `script` gives the bot a terminal of its own.
    const child = spawn('script', ['-qfec', `exec ${process.execPath} --import tsx src/main.ts`, '/dev/null'], {
      cwd: ROOT,
      env: { ...base, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const until = Date.now() + 20_000;
    let pid: number | undefined;
    while (pid === undefined) {
      if (Date.now() > until) throw new Error(`the bot did not start:\n${out}`);
      const m = /INFO.*\((\d+)\): ready/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) pid = Number(m[1]);
      else await new Promise((r) => setTimeout(r, 50));
    }
    const asked = Array.from({ length: 50 }, ask);
    await Promise.all(asked.map((i) => i.waitFor(1)));
    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
    const text = out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(text.match(/INFO.*: interaction\r?\n/g)).toHaveLength(50);
    expect(text).toMatch(/INFO.*: shutting down/);
    expect(text).toMatch(/INFO.*: stopped/);
  });
});

describe('an exception nobody caught', () => {
  it('is logged, and the process exits non-zero', async () => {
    const bot = startBot({}, [join(import.meta.dirname, 'programs/throw-on-sigusr2.mjs')]);
    await ready(bot);
    bot.child.kill('SIGUSR2');
    expect(await bot.exited).toBe(1);
    const fatal = bot.lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'uncaught exception: exiting');
    expect(fatal?.err.message).toBe('a bug nobody caught');
  });
});
