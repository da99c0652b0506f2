/**
 * Two shards against the fake Discord, run by `npm run start:sharded`'s program: both answer
 * their guilds, /reload reaches both and reports each, a shard that cannot reload is named and
 * keeps its old index, and SIGTERM lets every shard finish what it is answering, then stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, tempDir } from '../helpers.ts';
import { FakeDiscord } from './fake-discord.ts';
import { ADMIN_GUILD, MANAGE_GUILD, OTHER_GUILD, seen, TOKEN } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Guild ids are routed to shard (id >> 22) % 2: ADMIN_GUILD to shard 1, OTHER_GUILD to shard 0.
const shardOf = (guild: string) => Number((BigInt(guild) >> 22n) % 2n);

let fake: FakeDiscord;
let launcher: ChildProcess;
let stdout = '';
const exited = () => new Promise<number | null>((r) => (launcher.exitCode !== null ? r(launcher.exitCode) : launcher.once('exit', (code) => r(code))));

beforeAll(async () => {
  expect([shardOf(ADMIN_GUILD), shardOf(OTHER_GUILD)]).toEqual([1, 0]);
  const corpus = tempDir();
  cpSync(CORPUS_DIR, corpus, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD, OTHER_GUILD], shards: 2 });
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('DISCORD_') || k === 'SHARD_COUNT') delete env[k];
  launcher = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/sharded.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_CDN_URL: fake.cdnUrl,
      DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD,
      CORPUS_DIR: corpus,
      COOLDOWN_SECONDS: '0',
      SHARD_COUNT: 'auto',
      SHARD_RELOAD_TIMEOUT_SECONDS: '3',
      LOG_LEVEL: 'info',
    },
  });
  launcher.stdout!.on('data', (d) => (stdout += d));
  launcher.stderr!.on('data', (d) => (stdout += d));
  await fake.waitForShards(2, 60_000);
}, 90_000);

afterAll(async () => {
  if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
  await fake?.close();
});

const ask = (guildId: string) => fake.command({ name: 'ask', guildId, options: [{ name: 'query', type: 3, value: '量子技術市場' }] });
const reload = () => fake.command({ name: 'reload', guildId: ADMIN_GUILD, permissions: MANAGE_GUILD });

describe('two shards', () => {
  it('take the shard count from Discord, and each answers its own guilds', async () => {
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const guild of [ADMIN_GUILD, OTHER_GUILD]) {
      const i = ask(guild);
      await i.waitFor(1, 8000);
      expect(seen(i.shown!.embeds[0])).toContain('1,060億美元');
    }
  });

  it('/reload reaches every shard and reports each one', async () => {
    const i = reload();
    await i.waitFor(2, 15_000);
    const embed = i.shown!.embeds[0];
    expect(embed.description).toContain('Reloaded: 1 article, 84 passages');
    expect(embed.fields[0].value).toBe('shard 0: reloaded, 84 passages\nshard 1: reloaded, 84 passages');
  });

  it('names a shard that cannot reload; it keeps its old index and answers again when back', async () => {
    const pids = [...stdout.matchAll(/"shard":(\d),"pid":(\d+)/g)].map((m) => ({ shard: Number(m[1]), pid: Number(m[2]) }));
    const other = pids.filter((p) => p.shard === 0).pop()!;
    process.kill(other.pid, 'SIGSTOP');
    try {
      const i = reload();
      await i.waitFor(2, 15_000);
      const embed = i.shown!.embeds[0];
      expect(embed.description).toContain('Shards 0 did not reload');
      expect(embed.fields[0].value).toBe('shard 0: NOT reloaded, keeps its old index: did not answer within 3 s\nshard 1: reloaded, 84 passages');
    } finally {
      process.kill(other.pid, 'SIGCONT');
    }
    const i = ask(OTHER_GUILD);
    await i.waitFor(1, 8000);
    expect(seen(i.shown!.embeds[0])).toContain('1,060億美元');
  });

  it('/corpus add reloads every shard: both answer from the new corpus', async () => {
    const report = '數據論壇：跨境流動迎新里程\n\n香港文匯報訊（記者 李明）論壇昨日舉行。創新科技及工業局局長孫東表示，數據跨境流動為香港帶來新機遇。\n';
    const attachment = fake.attach('forum.txt', report);
    const moderator = '630000000000000001';
    const add = fake.command({
      name: 'corpus',
      guildId: ADMIN_GUILD,
      userId: moderator,
      permissions: MANAGE_GUILD,
      options: [
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'file', type: 11, value: attachment.id },
            { name: 'date', type: 3, value: '2025-01-18' },
          ],
        },
      ],
      attachments: [attachment],
    });
    await add.waitFor(2, 15_000);
    const yes = fake.press(add, add.shown!.components[0].components[0].custom_id, moderator, MANAGE_GUILD);
    await yes.waitFor(2, 15_000);
    const embed = yes.shown!.embeds[0];
    expect(embed.title).toBe('Added to the corpus: 數據論壇：跨境流動迎新里程');
    expect(embed.fields.find((f: { name: string }) => f.name === 'Shards').value).toBe('shard 0: reloaded, 87 passages\nshard 1: reloaded, 87 passages');
    for (const guild of [ADMIN_GUILD, OTHER_GUILD]) {
      const who = fake.command({ name: 'who', guildId: guild, options: [{ name: 'speaker', type: 3, value: '孫東' }] });
      await who.waitFor(1, 8000);
      expect(seen(who.shown!.embeds[0])).toContain('數據跨境流動為香港帶來新機遇');
    }
  });

  it('on SIGTERM every shard finishes what it is answering (here waiting out a 429), then all exit 0; the token is never logged', async () => {
    const limit = fake.fault(/^POST \/interactions\/\d+\/[^/]+\/callback$/, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false }, retryAfterSeconds: 0.5 });
    const asked = [ask(ADMIN_GUILD), ask(OTHER_GUILD), ask(ADMIN_GUILD), ask(OTHER_GUILD)];
    await limit.waitForInteractions(asked);
    launcher.kill('SIGTERM');
    const until = Date.now() + 5000;
    while ((stdout.match(/"msg":"shutting down"/g) ?? []).length < 2) {
      if (Date.now() > until) throw new Error(`the shards were not asked to stop:\n${stdout.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    limit.remove();
    await Promise.all(asked.map((i) => i.waitFor(1, 5000)));
    expect(asked.every((i) => i.responses[0]!.type === 4 && seen(i.shown!.embeds[0]).includes('1,060億美元'))).toBe(true);
    expect(await exited()).toBe(0);
    expect(stdout.match(/"msg":"stopped"/g)).toHaveLength(2);
    expect(stdout).toContain('"msg":"every shard stopped"');
    expect(stdout.match(/"msg":"shard spawned"/g)).toHaveLength(2); // none respawned on the way out
    expect(stdout).toContain('"msg":"every shard is ready"');
    expect(stdout).not.toContain(TOKEN);
  });
});
