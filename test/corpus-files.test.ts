/**
 * Changing the corpus folder safely: a page is never visible half-written, even when the
 * process writing it is killed; the loader reads none of the files a change leaves beside the
 * pages; one change at a time across processes.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_FILE, LOCK_FILE, removeLeftovers, takeLock, writeAtomically } from '../src/corpus/files.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const page = (n: number) => `第${n}篇：數據流通\n\n${'香港文匯報訊（記者 李明）數據流通論壇昨日舉行。'.repeat(40_000)}\n`;

describe('writing a page', () => {
  it('is all or nothing: a process killed while writing leaves whole pages only, and the corpus loads', async () => {
    const dir = tempDir();
    // Node itself (not the tsx launcher, whose child would outlive the kill).
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/write-pages.ts', dir], { cwd: ROOT });
    let out = '';
    await new Promise<void>((done) => {
      child.stdout.on('data', (d) => {
        out += d;
        // Killed while the third page is being written.
        if (out.includes('writing 3')) {
          child.kill('SIGKILL');
          done();
        }
      });
    });
    await new Promise((r) => child.once('close', r));
    const pages = readdirSync(dir).filter((n) => n.endsWith('.txt'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const name of pages) expect(readFileSync(join(dir, name), 'utf8')).toBe(page(Number(/\d+/.exec(name)![0])));
    const result = await loadCorpus(dir);
    expect(result.ok).toBe(true);
    await removeLeftovers(dir);
    expect(readdirSync(dir).filter((n) => !n.endsWith('.txt'))).toEqual([]);
  }, 60_000);

  it('never replaces a page that is there', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'first');
    await expect(writeAtomically(dir, 'a.txt', new TextEncoder().encode('second'))).rejects.toThrow('a.txt is already in the corpus folder');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('the loader reads none of what a change leaves beside the pages: temporary files, the lock, the audit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '標題：數據\n\n研究員何一明表示，數據流通進展良好。\n');
    writeFileSync(join(dir, '.b.txt.4242-1.tmp'), Buffer.from([0, 1, 2]));
    writeFileSync(join(dir, LOCK_FILE), '{');
    writeFileSync(join(dir, AUDIT_FILE), '{"action":"add"}\n');
    const result = await loadCorpus(dir);
    expect(result.ok && result.corpus.articles.map((a) => a.meta.file)).toEqual(['a.txt']);
  });
});

describe('the change lock', () => {
  it('is held by one change at a time, names its holder, and is taken over from a process that is gone', async () => {
    const dir = tempDir();
    const first = await takeLock(dir, { by: 'alice', what: 'add a.txt' });
    expect(first.ok).toBe(true);
    // Another process holds it: this test's parent, alive.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, by: 'bob', what: 'remove b', since: new Date().toISOString() }));
    const second = await takeLock(dir, { by: 'carol', what: 'reload' });
    expect(second).toMatchObject({ ok: false, holder: { by: 'bob', what: 'remove b' } });
    // A process that died holding it.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('close', r));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, by: 'bob', what: 'remove b', since: new Date().toISOString() }));
    const third = await takeLock(dir, { by: 'carol', what: 'reload' });
    expect(third.ok).toBe(true);
    if (third.ok) await third.release();
    expect(() => statSync(join(dir, LOCK_FILE))).toThrow();
  });
});
