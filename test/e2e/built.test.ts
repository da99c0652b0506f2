/**
 * The built programs, as npm runs them (scripts/launch.mjs and dist/, plain JavaScript, which is
 * all a production install runs), against the fake Discord: `npm start` with a token answers and
 * stops on SIGTERM, `npm run deploy-commands` registers, `npm run start:sharded` runs two shards.
 * The other end-to-end tests run the TypeScript sources; these check that the bundle is the same
 * program.
 */
import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, tempDir } from '../helpers.ts';
import { APP_ID, FakeDiscord } from './fake-discord.ts';
import { ADMIN_GUILD, OTHER_GUILD, seen, TOKEN } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');

let fake: FakeDiscord;
let corpus: string;
beforeAll(() => {
  corpus = tempDir();
  cpSync(CORPUS_DIR, corpus, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
});
// A fake Discord for each test: the sharded one recommends two shards.
const startFake = async (shards = 1) => (fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD, OTHER_GUILD], shards }));
afterEach(async () => {
  await fake?.close();
});

/** Runs `node scripts/launch.mjs <program>`; `whenStdout` is called on each chunk of stdout until it returns true. */
function launch(program: string, env: Record<string, string>, whenStdout?: (stdout: string, kill: (s: NodeJS.Signals) => void) => boolean | Promise<boolean>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const base = { ...process.env };
    for (const k of Object.keys(base)) if (k.startsWith('DISCORD_') || k === 'SHARD_COUNT') delete base[k];
    const child = spawn(process.execPath, ['scripts/launch.mjs', program], {
      cwd: ROOT,
      env: { ...base, DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_CDN_URL: fake.cdnUrl, CORPUS_DIR: corpus, COOLDOWN_SECONDS: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    let busy = false;
    let finished = false;
    child.stdout.on('data', async (d) => {
      stdout += d;
      if (!whenStdout || busy || finished) return;
      busy = true;
      finished = await whenStdout(stdout, (s) => child.kill(s));
      busy = false;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const ask = (guildId: string) => fake.command({ name: 'ask', guildId, options: [{ name: 'query', type: 3, value: '量子技術市場' }] });

describe('the built programs against the fake Discord', () => {
  it('npm run deploy-commands registers every command', async () => {
    await startFake();
    const { code, stderr } = await launch('deploy', { DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD });
    // The first program run after an edit builds dist/ and says so; nothing else is on stderr.
    expect(stderr.replace(/^dist\/ is missing or older than the sources: building it.*\n/, '')).toBe('');
    expect(code).toBe(0);
    expect(fake.commands.get(`/applications/${APP_ID}/commands`)!.map((c) => c.name)).toEqual(['ask', 'who', 'trends', 'stats', 'speakers', 'about', 'help', 'Find in the summit reports']);
    expect(fake.commands.get(`/applications/${APP_ID}/guilds/${ADMIN_GUILD}/commands`)!.map((c) => c.name)).toEqual(['reload', 'corpus']);
  }, 60_000);

  it('npm start with a token answers, and exits 0 on SIGTERM', async () => {
    await startFake();
    let answer = '';
    const { code, stdout } = await launch('main', { LOG_LEVEL: 'info' }, async (out, kill) => {
      if (!out.includes('"msg":"ready"')) return false;
      const i = ask(OTHER_GUILD);
      await i.waitFor(1, 10_000);
      answer = seen(i.shown!.embeds[0]);
      kill('SIGTERM');
      return true;
    });
    expect(answer).toContain('1,060億美元');
    expect(code).toBe(0);
    expect(stdout).toContain('"msg":"stopped"');
  }, 60_000);

  it('npm run start:sharded runs two shards that answer, and stops them on SIGTERM', async () => {
    await startFake(2);
    const answers: string[] = [];
    const { code, stdout } = await launch('sharded', { SHARD_COUNT: 'auto', LOG_LEVEL: 'info' }, async (out, kill) => {
      if (!out.includes('every shard is ready')) return false;
      for (const guild of [ADMIN_GUILD, OTHER_GUILD]) {
        const i = ask(guild);
        await i.waitFor(1, 10_000);
        answers.push(seen(i.shown!.embeds[0]));
      }
      kill('SIGTERM');
      return true;
    });
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(a).toContain('1,060億美元');
    expect(stdout.match(/"msg":"shard spawned"/g)).toHaveLength(2);
    expect(code).toBe(0);
  }, 120_000);
});
