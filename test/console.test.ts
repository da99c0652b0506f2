import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STYLES_DIR } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs `npm start`'s program with stdin from a pipe, as a script or CI would. */
function runConsole(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env.DISCORD_TOKEN;
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('the console, reading commands from a pipe', () => {
  it('--json prints one JSON object per command line, in order, and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await runConsole(['--json'], '/who speaker:CY Leung topic:隱私\n\n/ask query:量子技术市场\n/who spekaer:梁振英\n/speakers\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const replies = lines.map((l) => JSON.parse(l));
    expect(replies.map((r) => r.command)).toEqual(['who', 'ask', 'who', 'speakers']);
    expect(replies[0].passages[0].speaker.name).toBe('梁振英');
    expect(replies[0].passages[0].text).toContain('隱私');
    expect(replies[1].passages[0].text).toBe('他續指，預計到2040年，全球量子技術市場將達到1,060億美元。');
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'unknown_option' } });
    expect(replies[3].speakers.map((s: { name: string }) => s.name)).toContain('徐慶強');
    expect(stderr).toContain('No DISCORD_TOKEN found');
  });

  it('prints readable text by default, and --corpus reads another folder', async () => {
    const { code, stdout } = await runConsole(['--corpus', STYLES_DIR], '/who speaker:Okafor\n/ask 算力平台\n');
    expect(code).toBe(0);
    expect(stdout).toContain('== What Daniel Okafor said ==');
    expect(stdout).toContain('「"Trust is the currency of the data economy," said Daniel Okafor, chairman of the Harbour Data Alliance.」');
    expect(stdout).toContain('— Daniel Okafor（chairman of the Harbour Data Alliance） · Harbour Ledger 2025-01-17');
    expect(stdout).toContain('陈美玲（大湾区算力联盟秘书长）');
  });

  it('/corpus list and /corpus show tell the operator what the bot understood of each article', async () => {
    const { code, stdout } = await runConsole(['--corpus', STYLES_DIR, '--json'], '/corpus list\n/corpus show harbour\n/corpus show article:nothing\n');
    expect(code).toBe(0);
    const [list, show, none] = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(list.title).toBe('The corpus: 2 articles');
    expect(list.facts.map((f: { value: string }) => f.value.split(' · ')[0])).toEqual(['harbour-alliance', 'shenzhen-forum']);
    expect(show.title).toMatch(/^Article: /);
    const people = show.facts.find((f: { label: string }) => f.label.startsWith('People'));
    expect(people.value).toContain('Daniel Okafor — chairman of the Harbour Data Alliance');
    expect(none).toMatchObject({ ok: false, error: { code: 'unknown_article' } });
  });

  it('refuses a broken corpus with the problems and exit code 1', async () => {
    const { code, stderr } = await runConsole(['--corpus', join(ROOT, 'no-such-folder')], '/help\n');
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read the corpus folder');
  });
});
