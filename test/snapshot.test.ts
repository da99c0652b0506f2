/**
 * Snapshots of the corpus: a second start answers from the snapshot exactly as the first did from
 * the reports; a changed report, a changed program, a damaged or cut-off snapshot, or a folder
 * that cannot be written never make it answer from a stale or broken reading.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveCorpus } from '../src/corpus/live.ts';
import { codeFingerprint } from '../src/corpus/snapshot.ts';
import { QUERIES } from '../bench/queries.ts';
import { GOLDEN } from './golden.ts';
import { corpusCopy, FIXTURES, STYLES_DIR, tempDir } from './helpers.ts';

const questions = [...GOLDEN.filter((g) => g.line.startsWith('/ask query:')).map((g) => g.line.slice('/ask query:'.length)), ...QUERIES.ask.map((q) => q.query!)];

async function open(dir: string, snapshotDir: string): Promise<LiveCorpus> {
  const live = await LiveCorpus.open(dir, { snapshotDir });
  if (Array.isArray(live)) throw new Error(live.map((p) => p.message).join('; '));
  return live;
}

const answers = (live: LiveCorpus) => questions.map((q) => live.index.find(q).hits.map((h) => [h.passage.id, h.passage.text, h.passage.attribution?.speaker ?? null, h.score]));
const snapshotFile = (dir: string) => join(dir, readdirSync(dir).find((f) => f.endsWith('.snapshot'))!);

describe('a snapshot', () => {
  it('starts the corpus again as it was: the same articles, speakers and answers', async () => {
    const corpus = corpusCopy();
    cpSync(STYLES_DIR, corpus, { recursive: true });
    const snapshots = tempDir();
    const first = await open(corpus, snapshots);
    expect(first.lastLoad).toMatchObject({ from: 'files', reason: 'no snapshot yet' });
    expect(await first.lastLoad.written).toBeNull();
    const second = await open(corpus, snapshots);
    expect(second.lastLoad.from).toBe('snapshot');
    expect(second.index.corpus.articles).toEqual(first.index.corpus.articles);
    expect(second.index.corpus.speakers).toEqual(first.index.corpus.speakers);
    expect(answers(second)).toEqual(answers(first));
    expect(second.index.figures()).toEqual(first.index.figures());
  });

  it('gives back every report of every style as it was read, field for field', async () => {
    for (const source of [join(FIXTURES, 'attribution/dev'), join(FIXTURES, 'corpus-wire')]) {
      const corpus = tempDir();
      cpSync(source, corpus, { recursive: true, filter: (from) => !from.includes('gold') });
      const snapshots = tempDir();
      const first = await open(corpus, snapshots);
      await first.lastLoad.written;
      const second = await open(corpus, snapshots);
      expect(second.lastLoad.from).toBe('snapshot');
      expect(second.index.corpus.articles).toEqual(first.index.corpus.articles);
      expect(second.index.corpus.speakers).toEqual(first.index.corpus.speakers);
      expect(answers(second)).toEqual(answers(first));
    }
  });

  it('is not used once a report changes, nor when a report is added', async () => {
    const corpus = corpusCopy();
    const snapshots = tempDir();
    await (await open(corpus, snapshots)).lastLoad.written;
    const page = join(corpus, readdirSync(corpus).find((f) => f.endsWith('.txt'))!);
    appendFileSync(page, '\n數碼港行政總裁鄭雅文表示，量子通訊試驗網將於明年啟用。\n');
    const changed = await open(corpus, snapshots);
    expect(changed.lastLoad).toMatchObject({ from: 'files', reason: 'stale: the reports or the code changed' });
    expect(changed.index.find('量子通訊試驗網').hits[0]?.passage.attribution?.speaker).toBe('鄭雅文');
    await changed.lastLoad.written;
    writeFileSync(join(corpus, 'extra.txt'), '香港文匯報訊 數碼港行政總裁鄭雅文表示，區塊鏈沙盒已有四十間企業參與。\n');
    const added = await open(corpus, snapshots);
    expect(added.lastLoad.from).toBe('files');
    expect(added.index.find('區塊鏈沙盒').hits).toHaveLength(1);
  });

  it('damaged or cut off, is set aside: the reports are read and a good one written', async () => {
    const corpus = corpusCopy();
    const snapshots = tempDir();
    const first = await open(corpus, snapshots);
    await first.lastLoad.written;
    const file = snapshotFile(snapshots);
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0xff;
    writeFileSync(file, flipped);
    const damaged = await open(corpus, snapshots);
    expect(damaged.lastLoad).toMatchObject({ from: 'files', reason: 'corrupt: checksum mismatch' });
    expect(answers(damaged)).toEqual(answers(first));
    await damaged.lastLoad.written;
    expect((await open(corpus, snapshots)).lastLoad.from).toBe('snapshot');
    for (const cut of [10, 200, bytes.length - 8]) {
      writeFileSync(file, bytes.subarray(0, cut));
      const opened = await open(corpus, snapshots);
      expect(opened.lastLoad.from).toBe('files');
      expect(answers(opened)).toEqual(answers(first));
      await opened.lastLoad.written;
    }
    writeFileSync(file, 'not a snapshot at all');
    expect((await open(corpus, snapshots)).lastLoad).toMatchObject({ from: 'files', reason: 'not a snapshot' });
  });

  it('that cannot be written costs nothing but the next start', async () => {
    const corpus = corpusCopy();
    // A file where the snapshot folder should be: no process, not even root's, can write there.
    const blocked = join(tempDir(), 'snapshots');
    writeFileSync(blocked, 'a file, not a folder');
    const live = await open(corpus, blocked);
    expect(await live.lastLoad.written).toMatch(/EEXIST|ENOTDIR/);
    expect(live.index.find('量子技術市場').hits[0]?.passage.attribution?.speaker).toBe('張洪海');
    expect((await open(corpus, blocked)).lastLoad.from).toBe('files');
  });

  it('after a reload stands for the new corpus', async () => {
    const corpus = corpusCopy();
    const snapshots = tempDir();
    const live = await open(corpus, snapshots);
    await live.lastLoad.written;
    writeFileSync(join(corpus, 'extra.txt'), '香港文匯報訊 數碼港行政總裁鄭雅文表示，區塊鏈沙盒已有四十間企業參與。\n');
    const outcome = await live.reload();
    expect(outcome.ok).toBe(true);
    await live.lastLoad.written;
    const again = await open(corpus, snapshots);
    expect(again.lastLoad.from).toBe('snapshot');
    expect(again.index.find('區塊鏈沙盒').hits[0]?.passage.attribution?.speaker).toBe('鄭雅文');
  });

  it('is keyed by the program too: other code, another key', async () => {
    const a = tempDir();
    const b = tempDir();
    writeFileSync(join(a, 'ingest.ts'), 'export const rule = 1;\n');
    writeFileSync(join(b, 'ingest.ts'), 'export const rule = 2;\n');
    expect(await codeFingerprint([a])).not.toBe(await codeFingerprint([b]));
  });
});
