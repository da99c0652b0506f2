/**
 * The bot as a process and its scripts: `npm start` with a token against the fake Discord,
 * stopped by SIGTERM; `npm run deploy-commands`; configuration errors.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { APP_ID, FakeDiscord } from './fake-discord.ts';
import { ADMIN_GUILD, TOKEN } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(script: string, env: Record<string, string>, opts: { untilStdout?: RegExp; signal?: NodeJS.Signals } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const base = { ...process.env };
    for (const k of Object.keys(base)) if (k.startsWith('DISCORD_')) delete base[k];
    const child = spawn(TSX, [script], { cwd: ROOT, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (opts.untilStdout && !signalled && opts.untilStdout.test(stdout)) {
        signalled = true;
        child.kill(opts.signal ?? 'SIGTERM');
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({ guilds: [ADMIN_GUILD] });
});
afterAll(async () => {
  await fake?.close();
});

describe('npm start with DISCORD_TOKEN', () => {
  it('logs in, logs JSON without the token, and exits 0 on SIGTERM', async () => {
    const { code, stdout } = await run('src/main.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info' }, { untilStdout: /"msg":"ready"/ });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === 'ready')).toBe(true);
    expect(lines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(stdout).not.toContain(TOKEN);
  });

  it('exits 0 on SIGINT too', async () => {
    const { code } = await run('src/main.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl }, { untilStdout: /"msg":"ready"/, signal: 'SIGINT' });
    expect(code).toBe(0);
  });

  it('stops with a message naming the variable when the configuration is wrong', async () => {
    const { code, stderr } = await run('src/main.ts', { DISCORD_TOKEN: 'not-a-token', COOLDOWN_SECONDS: 'soon' });
    expect(code).toBe(1);
    expect(stderr).toContain('DISCORD_TOKEN: DISCORD_TOKEN does not look like a bot token');
    expect(stderr).toContain('COOLDOWN_SECONDS: COOLDOWN_SECONDS must be a number of seconds');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('secrets', () => {
  it('.env, where the token lives, is never committed', () => {
    const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toContain('.env');
  });
});

describe('configuration', () => {
  it('names each wrong variable and how to fix it', () => {
    const read = readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'my-server', DISCORD_API_URL: 'not a url', LOG_LEVEL: 'loud' });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems).toEqual([expect.stringMatching(/^DISCORD_GUILD_ID: .*Copy ID/), expect.stringMatching(/^DISCORD_API_URL: .*URL/), expect.stringMatching(/^LOG_LEVEL: /)]);
    }
    const missing = readConfig({});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]).toMatch(/^DISCORD_TOKEN: DISCORD_TOKEN is missing/);
  });

  it('a reload is abandoned after CORPUS_RELOAD_TIMEOUT_SECONDS, 60 unless set', () => {
    const unset = readConfig({ DISCORD_TOKEN: TOKEN });
    expect(unset.ok && unset.config.CORPUS_RELOAD_TIMEOUT_SECONDS).toBe(60);
    const set = readConfig({ DISCORD_TOKEN: TOKEN, CORPUS_RELOAD_TIMEOUT_SECONDS: '5' });
    expect(set.ok && set.config.CORPUS_RELOAD_TIMEOUT_SECONDS).toBe(5);
    for (const value of ['soon', '0', '900']) {
      const wrong = readConfig({ DISCORD_TOKEN: TOKEN, CORPUS_RELOAD_TIMEOUT_SECONDS: value });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.problems).toEqual([expect.stringMatching(/^CORPUS_RELOAD_TIMEOUT_SECONDS: CORPUS_RELOAD_TIMEOUT_SECONDS must/)]);
    }
  });
});

describe('npm run deploy-commands', () => {
  it('registers to the development guild, and /reload and /corpus only to the admin guild', async () => {
    const devGuild = '888888888888888888';
    const { code, stdout, stderr } = await run('src/deploy.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: devGuild, DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`/applications/${APP_ID}/guilds/${devGuild}/commands`);
    const dev = fake.commands.get(`/applications/${APP_ID}/guilds/${devGuild}/commands`)!;
    // The console's /context is not registered; the message menu is, with the same contexts.
    expect(dev.map((c) => c.name)).toEqual(['ask', 'who', 'trends', 'stats', 'speakers', 'about', 'help', 'Find in the summit reports']);
    expect(dev.every((c) => JSON.stringify(c.contexts) === '[0]')).toBe(true);
    const menu = dev.find((c) => c.type === 3);
    expect(menu).toMatchObject({ name: 'Find in the summit reports', name_localizations: { 'zh-TW': '在峰會報道中查找', 'zh-CN': '在峰会报道中查找' } });
    expect(menu.description ?? '').toBe('');
    expect(menu.options).toBeUndefined();
    expect(stdout).toContain('"Find in the summit reports"');
    expect(dev.find((c) => c.name === 'who').name_localizations).toEqual({ 'zh-TW': '誰說', 'zh-CN': '谁说' });
    const admin = fake.commands.get(`/applications/${APP_ID}/guilds/${ADMIN_GUILD}/commands`)!;
    expect(admin.map((c) => c.name)).toEqual(['reload', 'corpus']);
    expect(admin.every((c) => c.default_member_permissions === '32')).toBe(true);
  });

  it('registers globally without DISCORD_GUILD_ID, asking Discord for the application id', async () => {
    const { code } = await run('src/deploy.ts', { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(0);
    expect(fake.commands.get(`/applications/${APP_ID}/commands`)!.map((c) => c.name)).toContain('ask');
    expect(fake.requests.some((r) => r.path.endsWith('/applications/@me'))).toBe(true);
  });
});
