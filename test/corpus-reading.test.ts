/**
 * What the loader agrees to read: regular files inside the corpus folder, at most
 * MAX_ARTICLE_BYTES each. A link out of the folder, a device, a named pipe or an oversized file
 * is refused with a problem naming it, quickly and without reading it; a reload that hangs for
 * any other reason is abandoned after a set time and the old index keeps answering.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCorpus } from '../src/corpus/live.ts';
import { MAX_ARTICLE_BYTES, formatProblem, loadCorpus, type LoadResult } from '../src/corpus/load.ts';
import { STYLES_DIR, tempDir } from './helpers.ts';

const GOOD = '專家：數據要流通\n\n香港文匯報訊（記者 李明）大會昨日舉行。科技局局長王大文表示，數據是新的生產要素。\n';
const FAKE_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.Gabcde.not-a-real-token-only-for-this-test';

/** The promise's value, or a failure when it takes longer than `ms` (a hung read). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Bytes this process has passed through read(2) so far, page cache included (Linux). */
const bytesRead = () => Number(/^rchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

function problems(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatProblem);
}

function corpusWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const _OUTSIDE = /a link to a file outside the corpus folder/;

describe('links', () => {
  it('a link to /etc/passwd is refused with a problem naming it, and nothing of it is read', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
    const result = await loadCorpus(dir);
    expect(problems(result)).toEqual([expect.stringMatching(/^passwd\.txt: a link to a file outside the corpus folder/)]);
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('a link to a .env outside the folder is refused and its token appears nowhere in the result', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, '.env'), `DISCORD_TOKEN=${FAKE_TOKEN}\n`);
    const dir = corpusWith({ 'a.txt': GOOD });
    symlinkSync(join(outside, '.env'), join(dir, 'notes.txt'));
    const result = await loadCorpus(dir);
    expect(problems(result)).toEqual([expect.stringMatching(/^notes\.txt: a link to a file outside the corpus folder/)]);
    expect(JSON.stringify(result)).not.toContain(FAKE_TOKEN);
    expect(JSON.stringify(result)).not.toContain('DISCORD_TOKEN');
  });

  it('every file the loader reads is checked: a page, a sidecar, aliases.json, relative links and look-alike folders', async () => {
    const parent = tempDir();
    const dir = join(parent, 'corpus');
    const lookalike = join(parent, 'corpus-other');
    mkdirSync(dir);
    mkdirSync(lookalike);
    writeFileSync(join(lookalike, 'page.txt'), GOOD);
    writeFileSync(join(lookalike, 'meta.json'), JSON.stringify({ title: 'T', source: 'S', date: '2025-01-17', language: 'zh-Hant' }));
    writeFileSync(join(lookalike, 'aliases.json'), '{}');
    writeFileSync(join(dir, 'a.txt'), GOOD);
    symlinkSync('../corpus-other/page.txt', join(dir, 'relative.txt'));
    symlinkSync(join(lookalike, 'meta.json'), join(dir, 'a.json'));
    symlinkSync(join(lookalike, 'aliases.json'), join(dir, 'aliases.json'));
    const found = problems(await loadCorpus(dir));
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^relative\.txt: a link to a file outside/),
        expect.stringMatching(/^a\.json: a link to a file outside/),
        expect.stringMatching(/^aliases\.json: a link to a file outside/),
      ]),
    );
  });

  it('a link inside the folder to a file inside it still loads, and so does a folder reached through a link', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'page.txt'), GOOD.replace('王大文', '李大明'));
    symlinkSync('drafts/page.txt', join(dir, 'b.txt'));
    symlinkSync(join(dir, 'a.txt'), join(dir, 'c.txt'));
    const result = await loadCorpus(dir);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.corpus.articles.map((a) => a.meta.id)).toEqual(['a', 'b', 'c']);

    const link = join(tempDir(), 'corpus');
    symlinkSync(dir, link);
    const through = await loadCorpus(link);
    expect(through.ok).toBe(true);
  });

  it('a link pointing nowhere is a file that disappeared', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    symlinkSync(join(dir, 'no-such-file'), join(dir, 'gone.txt'));
    expect(problems(await loadCorpus(dir))).toEqual(['gone.txt: file disappeared while the corpus was read']);
  });
});

describe('devices, pipes and size', () => {
  it('a link to /dev/zero is refused at once, without reading from it', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    const before = bytesRead();
    const found = problems(await within(5000, loadCorpus(dir)));
    expect(bytesRead() - before).toBeLessThan(1024 * 1024);
    expect(found).toEqual([expect.stringMatching(/^zero\.txt: /)]);
  });

  it('a named pipe is refused within the bound, and a reload with one frees its lock', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    const live = (await LiveCorpus.open(dir)) as LiveCorpus;
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('pipe.txt', join(dir, 'linked.txt'));
    const index = live.index;
    try {
      expect(problems(await within(5000, loadCorpus(dir)))).toEqual([
        'linked.txt: not a regular file but a named pipe; only regular files are read',
        'pipe.txt: not a regular file but a named pipe; only regular files are read',
      ]);
      const outcome = await within(5000, live.reload());
      expect(outcome).toMatchObject({ ok: false, reason: 'broken' });
      expect(live.reloadRunning).toBe(false);
      expect(live.index).toBe(index);
    } finally {
      // Should anything be left reading the pipe, a writer that closes at once ends its read.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // ENXIO: no reader, nothing to release.
      }
    }
  });

  it('a file just over the limit is refused without being read, and so is a sparse file of 1 GB', async () => {
    const dir = corpusWith({ 'a.txt': GOOD, 'over.txt': 'x'.repeat(MAX_ARTICLE_BYTES + 1) });
    readFileSync(join(dir, 'over.txt')); // in the page cache, as a real corpus file would be
    let before = bytesRead();
    expect(problems(await loadCorpus(dir))).toEqual([`over.txt: file is 4.0 MB; a page may be at most 4 MB`]);
    expect(bytesRead() - before).toBeLessThan(MAX_ARTICLE_BYTES / 4);

    const sparse = corpusWith({ 'a.txt': GOOD, 'huge.txt': '' });
    truncateSync(join(sparse, 'huge.txt'), 1024 ** 3);
    before = bytesRead();
    expect(problems(await within(5000, loadCorpus(sparse)))).toEqual([`huge.txt: file is 1024.0 MB; a page may be at most 4 MB`]);
    expect(bytesRead() - before).toBeLessThan(MAX_ARTICLE_BYTES / 4);
  });

  it('a file at the limit still loads', async () => {
    const page = GOOD + ' '.repeat(MAX_ARTICLE_BYTES - Buffer.byteLength(GOOD));
    const result = await loadCorpus(corpusWith({ 'a.txt': page }));
    expect(result.ok).toBe(true);
  });
});

describe('a reload that does not finish', () => {
  it('is abandoned after the set time with a clear outcome, frees the lock, and is never swapped in later', async () => {
    const dir = corpusWith({ 'a.txt': GOOD });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let stalled: Promise<LoadResult> | null = null;
    const live = (await LiveCorpus.open(dir, {
      reloadTimeoutMs: 200,
      // The first reload hangs (a disk that stops answering), then reads another corpus to the
      // end, deaf to being abandoned.
      load: (folder, options) => {
        if (stalled) return loadCorpus(folder, options);
        stalled = gate.then(() => loadCorpus(STYLES_DIR, { ...options, signal: undefined }));
        return stalled;
      },
    })) as LiveCorpus;
    const index = live.index;

    const started = performance.now();
    const outcome = await within(5000, live.reload());
    expect(outcome).toEqual({ ok: false, reason: 'timeout', seconds: 0.2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(live.reloadRunning).toBe(false);
    expect(live.index).toBe(index);

    const second = await within(5000, live.reload());
    expect(second).toMatchObject({ ok: true, counts: { articles: 1 } });
    const reloaded = live.index;
    expect(reloaded).not.toBe(index);

    release();
    expect((await stalled!).ok).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(live.index).toBe(reloaded);
    expect(live.index.corpus.articles.map((a) => a.meta.id)).toEqual(['a']);
  });

  it('stops reading once abandoned', async () => {
    const result = await loadCorpus(corpusWith({ 'a.txt': GOOD }), { signal: AbortSignal.abort() });
    expect(problems(result)).toEqual([expect.stringMatching(/: the reload was abandoned before it finished$/)]);
  });
});
