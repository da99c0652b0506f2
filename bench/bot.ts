/**
 * The bot's own figures, run by bench/run.ts (or alone: npm run bench:bot): the real discord.js
 * client against the fake Discord of the tests. Memory per interaction and per user; page
 * buttons after 15 minutes' worth of replies with buttons at 50 a second (45,000); shutdown with work
 * in flight. Prints one JSON object as its last line.
 *
 * Usage: node --expose-gc --import tsx bench/bot.ts
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../src/paths.ts';
import { PAGE_TTL_MS, PageStore } from '../src/discord/pages.ts';
import { FakeDiscord, type InteractionRecord } from '../test/e2e/fake-discord.ts';
import { ADMIN_GUILD, MANAGE_GUILD, TOKEN, startHarness, str, waitForLine } from '../test/e2e/harness.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
/** The heap after idle connections have closed (undici keeps them 4 s) and a full collection. */
const heap = async () => {
  await new Promise((r) => setTimeout(r, 5000));
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};
const say = (text: string) => process.stderr.write(`${text}\n`);
const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
const EDIT = /^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/;

// --- In one process: memory ---------------------------------------------------------------------
const h = await startHarness({ COOLDOWN_SECONDS: '0' });
let nextUser = 0;
const newUser = () => String(900000000000000000n + BigInt(nextUser++));
const PAGED = [
  { name: 'who', options: [str('speaker', '張洪海')] },
  { name: 'ask', options: [str('query', '數據')] },
  { name: 'who', options: [str('topic', '数据')] },
  { name: 'ask', options: [str('query', 'data')] },
];

const ONE_PAGE = [{ name: 'stats', options: [str('topic', '貸款')] }];

/** Sends `count` commands, `batch` at a time, each from `user()`; all answered. */
async function send(count: number, user: () => string, commands = PAGED, batch = 250): Promise<InteractionRecord[]> {
  const first: InteractionRecord[] = [];
  for (let sent = 0; sent < count; sent += batch) {
    const records = Array.from({ length: Math.min(batch, count - sent) }, (_, k) => h.fake.command({ ...commands[(sent + k) % commands.length]!, userId: user() }));
    await Promise.all(records.map((r) => r.waitFor(1, 20_000)));
    if (sent === 0) first.push(...records.slice(0, 4));
    // What the fake keeps of each interaction, and the log lines the harness captures, are not
    // the bot's.
    h.fake.forget();
    h.logs.length = 0;
  }
  return first;
}

say('bot: warming up…');
const sameUser = newUser();
await send(2000, newUser, ONE_PAGE);
await send(2000, () => sameUser, ONE_PAGE);
await send(2000, newUser);
// One-page answers (nothing kept for buttons): what is left is what the bot keeps per
// interaction, and the difference between one user and distinct users what it keeps per user.
const N = 20_000;
say('bot: 20,000 from one user, then 20,000 from distinct users…');
let before = await heap();
await send(N, () => sameUser, ONE_PAGE);
const oneUserBytes = (await heap()) - before;
before = await heap();
await send(N, newUser, ONE_PAGE);
const distinctUsersBytes = (await heap()) - before;
const perInteraction = distinctUsersBytes / N;
const perUser = (distinctUsersBytes - oneUserBytes) / N;

say('bot: 45,000 replies with buttons (15 minutes at 50 a second)…');
const total = (PAGE_TTL_MS / 1000) * 50;
before = await heap();
const started = performance.now();
const [firstReply] = await send(total, newUser);
// Its first button: Next when the answer has pages, else Context (both need what the store keeps).
const button = firstReply!.shown?.components?.[0]?.components?.find((b: { disabled?: boolean }) => !b.disabled);
if (!button) throw new Error('the first reply has no button');
const fillSeconds = (performance.now() - started) / 1000;
const pagedBytes = (await heap()) - before;
const press = h.fake.press(firstReply!, button.custom_id);
const [update] = await press.waitFor(1);
// A page (an update of the message) or a context (a private reply), not "expired".
const firstButtonWorks = button.custom_id.startsWith('page:')
  ? update!.type === 7 && /page 2 of/.test(update!.data.embeds[0].footer.text)
  : update!.type === 4 && !/expired/i.test(JSON.stringify(update!.data));
const cachedUsers = h.bot.client.users.cache.size;
await h.stop();

// The page store alone, with a clock of its own: the first of 45,000 at 14:59 and at 15:01.
let now = 0;
const store = new PageStore(PAGE_TTL_MS, () => now);
before = await heap();
const ids: string[] = [];
for (let n = 0; n < total; n++, now += 20) ids.push(store.put({ command: 'ask', options: { query: `數據跨境 流動 ${n}` }, locale: 'en', tookMs: 3, pages: 5, generation: 1 }));
const storeBytes = (await heap()) - before - ids.length * 40;
now = PAGE_TTL_MS - 1000;
const aliveAt1459 = store.get(ids[0]!) !== null;
now = PAGE_TTL_MS + 1000;
const expiredAt1501 = store.get(ids[0]!) === null;

// --- As a process: shutdown with work in flight -------------------------------------------------
const fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD] });
function startBot(env: Record<string, string>) {
  const base = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('DISCORD_')) delete base[k];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...base, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD, COOLDOWN_SECONDS: '0', LOG_LEVEL: 'info', ...env },
  });
  const lines: string[] = [];
  let rest = '';
  child.stdout.on('data', (d) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  const exited = new Promise<number | null>((r) => child.on('close', r));
  return { child, lines, exited };
}

say('shutdown: 100 interactions waiting out a 429…');
let bot = startBot({});
await waitForLine(bot.lines, (l) => l.msg === 'ready', 30_000);
const limit = fake.fault(CALLBACK, { status: 429, body: { message: 'You are being rate limited.', retry_after: 1, global: false }, retryAfterSeconds: 1 });
const asked = Array.from({ length: 100 }, () => fake.command({ name: 'ask', options: [str('query', '量子')], userId: newUser() }));
await limit.waitForInteractions(asked, 10_000);
let signalled = performance.now();
bot.child.kill('SIGTERM');
await waitForLine(bot.lines, (l) => l.msg === 'shutting down');
limit.remove();
const rateLimitedExit = await bot.exited;
const rateLimitedExitMs = performance.now() - signalled;
const answered = asked.filter((i) => i.responses.some((r) => r.type === 4)).length;

say('shutdown: a /reload whose answer never gets through (the grace period runs out)…');
bot = startBot({});
await waitForLine(bot.lines, (l) => l.msg === 'ready', 30_000);
const hang = fake.fault(EDIT, { hang: true });
const reload = fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: newUser() });
await hang.waitForInteractions([reload]);
signalled = performance.now();
bot.child.kill('SIGTERM');
const hungExit = await bot.exited;
const hungExitMs = performance.now() - signalled;
const told = reload.responses.some((r) => r.kind === 'followup');
hang.remove();
await fake.close();

process.stdout.write(
  `${JSON.stringify({
    memory: { interactions: N, bytesPerInteraction: Math.round(perInteraction), bytesPerUser: Math.round(perUser), cachedUsersAfter: cachedUsers },
    pages: {
      replies: total,
      fillSeconds: Math.round(fillSeconds),
      bytesPerPagedReply: Math.round(pagedBytes / total),
      totalMB: Math.round((pagedBytes / 1048576) * 10) / 10,
      firstButtonWorks,
      storeBytesPerEntry: Math.round(storeBytes / total),
      aliveAt1459,
      expiredAt1501,
    },
    shutdown: {
      rateLimited: { inFlight: asked.length, answered, exitCode: rateLimitedExit, exitMs: Math.round(rateLimitedExitMs) },
      hung: { graceSeconds: 20, exitCode: hungExit, exitMs: Math.round(hungExitMs), toldUser: told },
    },
  })}\n`,
);
