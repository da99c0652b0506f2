/**
 * One corpus size, measured in a process of its own (run by bench/run.ts with --expose-gc) so
 * that heap figures are not blurred by other sizes. Prints one JSON object.
 *
 * Usage: node --expose-gc --import tsx bench/size.ts PASSAGES DIR
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import { loadCommands, runCommand } from '../commands/index.ts';
import { LiveCorpus } from '../src/corpus/live.ts';
import { loadCorpus, readCorpusFiles } from '../src/corpus/load.ts';
import { encodeSnapshot, readSnapshot, snapshotKey, snapshotPath, writeSnapshot } from '../src/corpus/snapshot.ts';
import { DEFAULT_CORPUS } from '../src/paths.ts';
import { SearchIndex } from '../src/search/index.ts';
import { fold } from '../src/text/fold.ts';
import { timeNpm } from './cold-start.ts';
import { PLAIN_QUERIES, QUERIES } from './queries.ts';
import { writeCorpus } from './synth.ts';

const target = Number(process.argv[2]);
const dir = process.argv[3]!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

export function percentiles(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

// The corpus: synthetic pages plus the real article (so the real speakers are there too).
if (target > 0) writeCorpus(dir, target);
for (const f of readdirSync(DEFAULT_CORPUS)) copyFileSync(join(DEFAULT_CORPUS, f), join(dir, f));

// The heap and the typed arrays' memory outside it (the term index lives there).
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
gc();
const heapBefore = memory();
let started = performance.now();
const loaded = await loadCorpus(dir);
const ingestMs = performance.now() - started;
if (!loaded.ok)
  throw new Error(
    loaded.errors
      .slice(0, 3)
      .map((e) => e.message)
      .join('; '),
  );
const corpus = loaded.corpus;
const passages = corpus.articles.reduce((n, a) => n + a.passages.length, 0);
const [index, indexMs] = time(() => SearchIndex.build(corpus));
gc();
const heapPerPassage = (memory() - heapBefore) / passages;

// A snapshot, and the index loaded back from it (the corpus part is measured by a restart, below).
const snapshotDir = join(dir, '..', `snapshots-${target}`);
const files = await readCorpusFiles(dir);
if (!files.ok) throw new Error('corpus');
const key = await snapshotKey(files.files);
const snapshotFile = snapshotPath(snapshotDir, files.files.root);
started = performance.now();
await writeSnapshot(snapshotFile, await encodeSnapshot(key, corpus, index.data()));
const snapshotWriteMs = performance.now() - started;
const saved = readFileSync(snapshotFile);
const loadSamples: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  // The index alone, as a rebuild is given the corpus too.
  const decoded = readSnapshot(snapshotFile, key, dir);
  if (!decoded.ok) throw new Error(decoded.reason);
  SearchIndex.fromData(corpus, decoded.index);
  loadSamples.push(performance.now() - start);
}
const loadMs = percentiles(loadSamples).p50;
// The whole restart: reading the reports to check them against the snapshot, and the corpus and its index from it.
const restartSamples: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const live = await LiveCorpus.open(dir, { snapshotDir });
  if (Array.isArray(live) || live.lastLoad.from !== 'snapshot') throw new Error('restart did not use the snapshot');
  restartSamples.push(performance.now() - start);
}

// Query latency per command, through the same path as the console and Discord.
const commands = await loadCommands();
// Enough answers per command that the p99 is a percentile, not the slowest of a handful: 1,000
// (400 at 100,000 passages), each query of the command's set asked in turn.
const perCommand = passages > 50_000 ? 400 : 1000;
const latency: Record<string, ReturnType<typeof percentiles>> = {};
for (const [command, list] of Object.entries(QUERIES)) {
  const samples: number[] = [];
  const reps = Math.ceil(perCommand / list.length);
  // Warm up as a running bot is: the first calls of a query pay for the JIT, not the search.
  for (let w = 0; w < 5; w++) for (const options of list) await runCommand(commands, command, options, { index, locale: 'en' });
  for (let r = 0; r < reps; r++) {
    for (const options of list) {
      const start = performance.now();
      const reply = await runCommand(commands, command, options, { index, locale: 'en' });
      samples.push(performance.now() - start);
      if (!reply.ok && reply.error?.code === 'internal') throw new Error(`${command} failed`);
    }
  }
  latency[command] = percentiles(samples);
}

// The same passages and /ask queries in the engines a user would otherwise pick.
const texts = corpus.articles.flatMap((a) => a.passages.map((p) => ({ id: p.id, text: p.text })));
const plain = new MiniSearch<{ id: string; text: string }>({ fields: ['text'] });
const [, plainIndexMs] = time(() => plain.addAll(texts));
const plainSamples: number[] = [];
const reps = Math.ceil(perCommand / PLAIN_QUERIES.length);
for (let r = 0; r < reps; r++) for (const q of PLAIN_QUERIES) plainSamples.push(time(() => plain.search(q))[1]);

const orama = create({ schema: { id: 'string', text: 'string' } as const, components: { tokenizer: createTokenizer() } });
started = performance.now();
await insertMultiple(orama, texts, 1000);
const oramaIndexMs = performance.now() - started;
const oramaSamples: number[] = [];
// Orama takes seconds for some questions at 100,000 passages: fewer rounds of it.
const oramaReps = passages > 50_000 ? 5 : passages > 5_000 ? 10 : 30;
for (let r = 0; r < oramaReps; r++) {
  for (const q of PLAIN_QUERIES) {
    const start = performance.now();
    await oramaSearch(orama, { term: q, limit: 10 });
    oramaSamples.push(performance.now() - start);
  }
}

const folded = texts.map((t) => fold(t.text));
const scanSamples: number[] = [];
for (let r = 0; r < reps; r++) {
  for (const q of PLAIN_QUERIES) {
    const needle = fold(q);
    scanSamples.push(time(() => folded.filter((t) => t.includes(needle)))[1]);
  }
}

// A reload while questions keep coming: how long, the longest event-loop stall, and how many
// questions were answered meanwhile.
let reload: { ms: number; longestStallMs: number; answeredDuring: number; slowestAnswerMs: number } | null = null;
if (passages <= 20_000) {
  const live = await LiveCorpus.open(dir);
  if (Array.isArray(live)) throw new Error('corpus');
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let answered = 0;
  let slowest = 0;
  let done = false;
  const asker = (async () => {
    while (!done) {
      const start = performance.now();
      await runCommand(commands, 'ask', { query: PLAIN_QUERIES[answered % PLAIN_QUERIES.length]! }, { index: live.index, locale: 'en' });
      slowest = Math.max(slowest, performance.now() - start);
      answered++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  gc();
  delay.enable();
  const start = performance.now();
  const outcome = await live.reload();
  const ms = performance.now() - start;
  delay.disable();
  done = true;
  await asker;
  if (!outcome.ok) throw new Error('reload failed');
  reload = { ms, longestStallMs: delay.max / 1e6, answeredDuring: answered, slowestAnswerMs: slowest };
}

// A restart as a user meets it: `npm start` on this corpus, to the console's first answer, first
// with no snapshot (it reads and indexes every report, then writes one), then again from it.
async function firstAnswerMs(snapshots: string): Promise<number> {
  const run = await timeNpm(['start', '--silent', '--', '--corpus', dir], '/ask query:量子\n', 'first-output', { SNAPSHOT_DIR: snapshots });
  if (run.code !== 0 || !run.stdout) throw new Error(`npm start exited ${run.code}`);
  return run.ms;
}
const restartDir = join(dir, '..', `restart-${target}`);
const coldStartMs = await firstAnswerMs(restartDir);
const restartMs = await firstAnswerMs(restartDir);

const round = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    passages,
    articles: corpus.articles.length,
    speakers: corpus.speakers.length,
    ingestMs: round(ingestMs),
    indexMs: round(indexMs),
    heapBytesPerPassage: Math.round(heapPerPassage),
    savedIndexBytes: saved.length,
    snapshotWriteMs: round(snapshotWriteMs),
    savedIndexLoadMs: round(loadMs),
    loadSpeedup: round(indexMs / loadMs),
    restartFromSnapshotMs: round(percentiles(restartSamples).p50),
    npmStartFirstAnswerMs: { withoutSnapshot: round(coldStartMs), fromSnapshot: round(restartMs) },
    latency,
    reload: reload && { ms: round(reload.ms), longestStallMs: round(reload.longestStallMs), answeredDuring: reload.answeredDuring, slowestAnswerMs: round(reload.slowestAnswerMs) },
    compared: {
      minisearchDefault: { indexMs: round(plainIndexMs), ...percentiles(plainSamples) },
      orama: { indexMs: round(oramaIndexMs), ...percentiles(oramaSamples) },
      substringScan: { indexMs: 0, ...percentiles(scanSamples) },
      summitBotAsk: { indexMs: round(indexMs), ...latency.ask! },
    },
  })}\n`,
);
