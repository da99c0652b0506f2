import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadCorpus } from '../src/corpus/load.ts';
import { SEED_FILE, load, passageWith, tempDir } from './helpers.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

const GOOD = '專家：數據要流通\n\n香港文匯報訊（記者 李明）大會昨日舉行。科技局局長王大文表示，數據是新的生產要素。\n';

async function problemsOf(files: Record<string, string | Uint8Array>): Promise<string[]> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const result = await loadCorpus(dir);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatProblem);
}

describe('a broken corpus gets a precise error naming the file, never a stack trace', () => {
  it('an empty file', async () => {
    expect(await problemsOf({ 'a.txt': GOOD, 'empty.txt': '  \n\n' })).toEqual(['empty.txt: empty file: a page needs some text']);
  });

  it('a binary file', async () => {
    const [problem] = await problemsOf({ 'pic.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    expect(problem).toMatch(/^pic\.txt:\d+: binary file/);
  });

  it('invalid UTF-8, with the line of the bad byte', async () => {
    const big5 = Buffer.concat([Buffer.from('第一行\n第二行\n'), Buffer.from([0xa4, 0xa4, 0xa4, 0xe5])]);
    expect(await problemsOf({ 'big5.txt': big5 })).toEqual([expect.stringMatching(/^big5\.txt:3: not valid UTF-8/)]);
  });

  it('an invalid sidecar: bad JSON, or fields that break the schema', async () => {
    const problems = await problemsOf({
      'a.txt': GOOD,
      'a.json': '{ "title": "x", ',
      'b.txt': GOOD,
      'b.json': JSON.stringify({ title: '', source: 'S', date: '17/01/2025', language: 'fr', extra: 1 }),
    });
    expect(problems[0]).toMatch(/^a\.json(:\d+)?: invalid sidecar: invalid JSON/);
    expect(problems[1]).toMatch(/^b\.json: invalid sidecar: .*title.*date.*ISO date.*language/);
    expect(problems[1]).toContain('extra');
  });

  it('duplicate ids, and a sidecar without its page', async () => {
    const meta = (id: string) => JSON.stringify({ id, title: 'T', source: 'S', date: '2025-01-17', language: 'zh-Hant' });
    const problems = await problemsOf({ 'a.txt': GOOD, 'a.json': meta('same'), 'b.txt': GOOD, 'b.json': meta('same'), 'c.json': meta('c') });
    expect(problems).toEqual(['c.json: sidecar without its page: expected c.txt beside it', 'b.txt: duplicate article id "same", also used by a.txt']);
  });

  it('an invalid aliases file', async () => {
    expect(await problemsOf({ 'a.txt': GOOD, 'aliases.json': '{"梁振英": "CY Leung"}' })).toEqual([expect.stringMatching(/^aliases\.json: invalid aliases: 梁振英: /)]);
  });

  it('a file too large, a file that cannot be read, a missing folder', async () => {
    expect(await problemsOf({ 'huge.txt': 'x'.repeat(5 * 1024 * 1024) })).toEqual([expect.stringMatching(/^huge\.txt: file is 5\.0 MB/)]);
    const dir = tempDir();
    writeFileSync(join(dir, 'fine.txt'), GOOD);
    mkdirSync(join(dir, 'not-a-file.txt'));
    const result = await loadCorpus(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map(formatProblem)).toEqual([expect.stringMatching(/^not-a-file\.txt: not a regular file but a folder; only regular files are read$/)]);
    const missing = await loadCorpus(join(dir, 'nope'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]!.message).toContain('cannot read the corpus folder');
  });

  it('accepts a BOM and CRLF line ends, and a bare .txt with defaults from its text', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'crlf.txt'), `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`);
    const corpus = await load(dir);
    const [article] = corpus.articles;
    expect(article!.meta).toMatchObject({ id: 'crlf', title: '專家：數據要流通', source: '香港文匯報', language: 'zh-Hant', date: null });
    const p = passageWith(corpus, '數據是新的生產要素');
    expect(p.text).toBe('科技局局長王大文表示，數據是新的生產要素。');
    expect(p.attribution?.speaker).toBe('王大文');
  });
});

describe('npm run inspect', () => {
  it('prints what the bot understood of the real article', async () => {
    const { stdout } = await run(TSX, ['src/inspect.ts'], { cwd: ROOT });
    expect(stdout).toContain('梁振英: 全國政協副主席、粵港澳大灣區國際信息科技協會主席');
    expect(stdout).toContain('List: 2025年數字經濟十大展望 — 10 items, source: 張洪海');
    expect(stdout).toMatch(/1,060億美元\s+張洪海/);
    expect(stdout).toContain('paragraph cut off at the end');
  });

  it('prints JSON with --json', async () => {
    const { stdout } = await run(TSX, ['src/inspect.ts', '--json'], { cwd: ROOT });
    const parsed = JSON.parse(stdout);
    expect(parsed.ok).toBe(true);
    expect(parsed.speakers).toHaveLength(7);
  });

  it('exits non-zero with the errors when the corpus is broken', async () => {
    const dir = tempDir();
    copyFileSync(SEED_FILE, join(dir, 'page.txt'));
    writeFileSync(join(dir, 'page.json'), '{"title": 1}');
    const failure = await run(TSX, ['src/inspect.ts', '--corpus', dir], { cwd: ROOT }).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('page.json: invalid sidecar');
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });
});
