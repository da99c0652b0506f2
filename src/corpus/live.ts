/**
 * The corpus the bot answers from, and its reload. A reload reads and indexes the new corpus
 * beside the old one and swaps it in with one assignment: questions asked meanwhile are answered
 * from the old index, a broken new corpus changes nothing, and a second reload while one runs
 * is told so. A reload that has not finished after a set time (a disk that stopped answering) is
 * abandoned: its caller is told, the lock is freed, and whatever it reads later is never swapped in.
 */
import type { Corpus, CorpusProblem, LoadOptions, LoadResult } from './load.ts';
import { ingestCorpusFiles, loadCorpus, nextTurn, readCorpusFiles } from './load.ts';
import { SearchIndex } from '../search/index.ts';
import { fold } from '../text/fold.ts';
import { decodeSnapshot, encodeSnapshot, readSnapshot, snapshotKey, snapshotPath, writeSnapshot } from './snapshot.ts';

export interface CorpusChanges {
  articlesAdded: string[];
  articlesRemoved: string[];
  passagesAdded: number;
  passagesRemoved: number;
  speakersAdded: string[];
  speakersRemoved: string[];
}

export type ReloadOutcome = (
  | { ok: true; changes: CorpusChanges; warnings: CorpusProblem[]; tookMs: number; counts: Counts }
  | { ok: false; reason: 'running' }
  | { ok: false; reason: 'broken'; errors: CorpusProblem[] }
  | { ok: false; reason: 'timeout'; seconds: number }
) & {
  /** With sharding: each shard's own outcome (a failed shard keeps its old index). */
  shards?: ShardReload[];
};

export interface ShardReload {
  shard: number;
  ok: boolean;
  /** What happened: passages loaded, "already running", the problems, or "did not answer". */
  detail: string;
}

export interface Counts {
  articles: number;
  passages: number;
  speakers: number;
}

export function countsOf(corpus: Corpus): Counts {
  return {
    articles: corpus.articles.length,
    passages: corpus.articles.reduce((n, a) => n + a.passages.length, 0),
    speakers: corpus.speakers.length,
  };
}

export interface LiveCorpusOptions {
  /** How long a reload may run before it is abandoned (default 60 s). */
  reloadTimeoutMs?: number;
  /** Reads the corpus folder for a reload (tests stand a hung disk in for it); no snapshot is then used. */
  load?: (dir: string, options: LoadOptions) => Promise<LoadResult>;
  /**
   * The folder of snapshots (snapshot.ts): the corpus starts from its snapshot when the files and
   * the code are those it was made from, and a new one is written after every load from the files.
   * Unset: no snapshots.
   */
  snapshotDir?: string;
}

/** Where the corpus answering now came from, for the logs. */
export interface LoadReport {
  from: 'snapshot' | 'files';
  /** Why no snapshot was used (none yet, stale, corrupt), when snapshots are on. */
  reason?: string;
  tookMs: number;
  /** Settles when the snapshot of this load is written: null, or why it could not be. */
  written: Promise<string | null>;
}

type Opened = { ok: true; index: SearchIndex; report: LoadReport } | { ok: false; errors: CorpusProblem[] };

/**
 * The corpus of a folder, indexed: from its snapshot when there is a good one, else read,
 * ingested and indexed (in slices when `sliced`, for a reload while answering), and then
 * snapshotted for the next start.
 */
async function openIndexed(dir: string, snapshotDir: string | undefined, options: LoadOptions & { sliced?: boolean }): Promise<Opened> {
  const started = performance.now();
  const read = await readCorpusFiles(dir, options);
  if (!read.ok) return read;
  const files = read.files;
  let reason: string | undefined;
  let key: string | null = null;
  let path: string | null = null;
  if (snapshotDir && files.errors.length === 0) {
    key = await snapshotKey(files);
    path = snapshotPath(snapshotDir, files.root);
    const saved = await readSnapshot(path);
    if (!saved) reason = 'no snapshot yet';
    else {
      const decoded = decodeSnapshot(saved, key, dir);
      if (decoded.ok) {
        try {
          const index = SearchIndex.fromData(decoded.corpus, decoded.index);
          return { ok: true, index, report: { from: 'snapshot', tookMs: Math.round(performance.now() - started), written: Promise.resolve(null) } };
        } catch (error) {
          reason = `corrupt: ${error instanceof Error ? error.message : String(error)}`;
        }
      } else reason = decoded.reason;
    }
  }
  const result = await ingestCorpusFiles(files, options);
  if (!result.ok) return result;
  if (options.signal?.aborted) return { ok: false, errors: [] };
  const index = options.sliced ? await SearchIndex.buildAsync(result.corpus) : SearchIndex.build(result.corpus);
  const tookMs = Math.round(performance.now() - started);
  const written =
    key && path
      ? (async () => {
          // After this turn: the corpus answers first, the file is written meanwhile.
          await nextTurn();
          try {
            await writeSnapshot(path, await encodeSnapshot(key, result.corpus, index.data()));
            return null;
          } catch (error) {
            return error instanceof Error ? error.message : String(error);
          }
        })()
      : Promise.resolve(null);
  return { ok: true, index, report: { from: 'files', reason, tookMs, written } };
}

export const DEFAULT_RELOAD_TIMEOUT_MS = 60_000;

export class LiveCorpus {
  private reloading: Promise<ReloadOutcome> | null = null;
  readonly reloadTimeoutMs: number;
  private readonly load: LiveCorpusOptions['load'];
  private readonly snapshotDir: string | undefined;

  private constructor(
    public index: SearchIndex,
    private readonly dir: string,
    options: LiveCorpusOptions,
    /** How the corpus answering now was loaded. */
    public lastLoad: LoadReport,
  ) {
    this.reloadTimeoutMs = options.reloadTimeoutMs ?? DEFAULT_RELOAD_TIMEOUT_MS;
    this.load = options.load;
    this.snapshotDir = options.snapshotDir;
  }

  /** Loads the corpus once, in one go (nothing to answer yet); the problems when it is broken. */
  static async open(dir: string, options: LiveCorpusOptions = {}): Promise<LiveCorpus | CorpusProblem[]> {
    if (options.load) {
      const started = performance.now();
      const result = await loadCorpus(dir);
      if (!result.ok) return result.errors;
      const report: LoadReport = { from: 'files', tookMs: 0, written: Promise.resolve(null) };
      const live = new LiveCorpus(SearchIndex.build(result.corpus), dir, options, report);
      report.tookMs = Math.round(performance.now() - started);
      return live;
    }
    const opened = await openIndexed(dir, options.snapshotDir, {});
    if (!opened.ok) return opened.errors;
    return new LiveCorpus(opened.index, dir, options, opened.report);
  }

  get reloadRunning(): boolean {
    return this.reloading !== null;
  }

  reload(): Promise<ReloadOutcome> {
    if (this.reloading) return Promise.resolve({ ok: false, reason: 'running' });
    const abandon = new AbortController();
    const seconds = this.reloadTimeoutMs / 1000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<ReloadOutcome>((resolve) => {
      timer = setTimeout(() => {
        abandon.abort();
        resolve({ ok: false, reason: 'timeout', seconds });
      }, this.reloadTimeoutMs);
    });
    this.reloading = Promise.race([this.doReload(abandon.signal), late]).finally(() => {
      clearTimeout(timer);
      this.reloading = null;
    });
    return this.reloading;
  }

  private async doReload(signal: AbortSignal): Promise<ReloadOutcome> {
    const started = performance.now();
    const abandoned: ReloadOutcome = { ok: false, reason: 'timeout', seconds: this.reloadTimeoutMs / 1000 };
    // Read and index in slices: the old index keeps answering while this runs.
    let opened: Opened;
    if (this.load) {
      const result = await this.load(this.dir, { yieldBetweenArticles: true, signal });
      opened = result.ok
        ? { ok: true, index: await SearchIndex.buildAsync(result.corpus), report: { from: 'files', tookMs: 0, written: Promise.resolve(null) } }
        : { ok: false, errors: result.errors };
    } else opened = await openIndexed(this.dir, this.snapshotDir, { yieldBetweenArticles: true, signal, sliced: true });
    if (signal.aborted) return abandoned;
    if (!opened.ok) return { ok: false, reason: 'broken', errors: opened.errors };
    const next = opened.index;
    await nextTurn();
    // Checked in the same turn as the swap: an abandoned reload never replaces the index.
    if (signal.aborted) return abandoned;
    const changes = diff(this.index.corpus, next.corpus);
    this.index = next;
    this.lastLoad = { ...opened.report, tookMs: Math.round(performance.now() - started) };
    const warnings = next.corpus.articles.flatMap((a) => a.warnings);
    return { ok: true, changes, warnings, tookMs: Math.round(performance.now() - started), counts: countsOf(next.corpus) };
  }
}

/** What changed from one corpus to the next: articles, passages and speakers added or removed. */
export function diff(before: Corpus, after: Corpus): CorpusChanges {
  const ids = (c: Corpus) => new Set(c.articles.map((a) => a.meta.id));
  const texts = (c: Corpus) => new Set(c.articles.flatMap((a) => a.passages.map((p) => `${a.meta.id}\u0000${p.text}`)));
  const names = (c: Corpus) => new Set(c.speakers.map((s) => fold(s.name)));
  const [a0, a1, p0, p1, s0, s1] = [ids(before), ids(after), texts(before), texts(after), names(before), names(after)];
  const minus = <T>(x: Set<T>, y: Set<T>) => [...x].filter((v) => !y.has(v));
  const display = (c: Corpus, keys: string[]) => keys.map((k) => c.speakers.find((s) => fold(s.name) === k)!.name);
  return {
    articlesAdded: minus(a1, a0),
    articlesRemoved: minus(a0, a1),
    passagesAdded: minus(p1, p0).length,
    passagesRemoved: minus(p0, p1).length,
    speakersAdded: display(after, minus(s1, s0)),
    speakersRemoved: display(before, minus(s0, s1)),
  };
}
