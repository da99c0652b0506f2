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
import { encodeSnapshot, readSnapshot, snapshotKey, snapshotPath, writeSnapshot } from './snapshot.ts';

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

type Opened = { ok: true; index: SearchIndex; report: LoadReport; key: string | null } | { ok: false; errors: CorpusProblem[] } | { ok: true; unchanged: true };

/**
 * The corpus of a folder, indexed: from its snapshot when there is a good one, else read,
 * ingested and indexed (in slices when `sliced`, for a reload while answering), and then
 * snapshotted for the next start.
 */
async function openIndexed(dir: string, snapshotDir: string | undefined, options: LoadOptions & { sliced?: boolean; currentKey?: string | null }): Promise<Opened> {
  const started = performance.now();
  const read = await readCorpusFiles(dir, options);
  if (!read.ok) return read;
  const files = read.files;
  let reason: string | undefined;
  let key: string | null = null;
  let path: string | null = null;
  if (snapshotDir && files.errors.length === 0) {
    key = await snapshotKey(files, options.sliced);
    path = snapshotPath(snapshotDir, files.root);
    // A reload of the very files answering now: nothing to read again.
    if (key === options.currentKey) return { ok: true, unchanged: true };
  }
  // A reload never starts from a snapshot: the only one there is stands for the corpus answering
  // now (or an older one), and decoding it at once would hold up the answers meanwhile.
  if (key && path && !options.sliced) {
    const decoded = readSnapshot(path, key, dir);
    if (decoded.ok) {
      try {
        const index = SearchIndex.fromData(decoded.corpus(), decoded.index);
        return { ok: true, key, index, report: { from: 'snapshot', tookMs: Math.round(performance.now() - started), written: Promise.resolve(null) } };
      } catch (error) {
        reason = `corrupt: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else reason = decoded.reason;
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
  return { ok: true, key, index, report: { from: 'files', reason, tookMs, written } };
}

export const DEFAULT_RELOAD_TIMEOUT_MS = 60_000;

export class LiveCorpus {
  private reloading: Promise<ReloadOutcome> | null = null;
  readonly reloadTimeoutMs: number;
  private readonly load: LiveCorpusOptions['load'];
  private readonly snapshotDir: string | undefined;
  /** The snapshot key of the files answering now (when snapshots are on). */
  private key: string | null = null;

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
    if ('unchanged' in opened) throw new Error('no corpus to keep');
    const live = new LiveCorpus(opened.index, dir, options, opened.report);
    live.key = opened.key;
    return live;
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
        ? { ok: true, key: null, index: await SearchIndex.buildAsync(result.corpus), report: { from: 'files', tookMs: 0, written: Promise.resolve(null) } }
        : { ok: false, errors: result.errors };
    } else opened = await openIndexed(this.dir, this.snapshotDir, { yieldBetweenArticles: true, signal, sliced: true, currentKey: this.key });
    if (signal.aborted) return abandoned;
    if (!opened.ok) return { ok: false, reason: 'broken', errors: opened.errors };
    const current = this.index.corpus;
    if ('unchanged' in opened) {
      const none: CorpusChanges = { articlesAdded: [], articlesRemoved: [], passagesAdded: 0, passagesRemoved: 0, speakersAdded: [], speakersRemoved: [] };
      return { ok: true, changes: none, warnings: current.articles.flatMap((a) => a.warnings), tookMs: Math.round(performance.now() - started), counts: countsOf(current) };
    }
    const next = opened.index;
    await nextTurn();
    // Checked in the same turn as the swap: an abandoned reload never replaces the index.
    if (signal.aborted) return abandoned;
    const changes = diff(this.index.corpus, next.corpus);
    this.index = next;
    this.key = opened.key;
    this.lastLoad = { ...opened.report, tookMs: Math.round(performance.now() - started) };
    const warnings = next.corpus.articles.flatMap((a) => a.warnings);
    return { ok: true, changes, warnings, tookMs: Math.round(performance.now() - started), counts: countsOf(next.corpus) };
  }
}

/** What changed from one corpus to the next: articles, passages and speakers added or removed. */
export function diff(before: Corpus, after: Corpus): CorpusChanges {
  const byId = (c: Corpus) => new Map(c.articles.map((a) => [a.meta.id, a]));
  const [a0, a1] = [byId(before), byId(after)];
  const names = (c: Corpus) => new Set(c.speakers.map((s) => fold(s.name)));
  const [s0, s1] = [names(before), names(after)];
  const minus = <T>(x: Iterable<T>, y: { has: (v: T) => boolean }) => [...x].filter((v) => !y.has(v));
  const display = (c: Corpus, keys: string[]) => keys.map((k) => c.speakers.find((s) => fold(s.name) === k)!.name);
  // Passages compared article by article: most articles of a reload are the same, passage for passage.
  let passagesAdded = 0;
  let passagesRemoved = 0;
  for (const id of new Set([...a0.keys(), ...a1.keys()])) {
    const old = a0.get(id)?.passages ?? [];
    const now = a1.get(id)?.passages ?? [];
    if (old.length === now.length && old.every((p, i) => p.text === now[i]!.text)) continue;
    const [t0, t1] = [new Set(old.map((p) => p.text)), new Set(now.map((p) => p.text))];
    passagesAdded += minus(t1, t0).length;
    passagesRemoved += minus(t0, t1).length;
  }
  return {
    articlesAdded: minus(a1.keys(), a0),
    articlesRemoved: minus(a0.keys(), a1),
    passagesAdded,
    passagesRemoved,
    speakersAdded: display(after, minus(s1, s0)),
    speakersRemoved: display(before, minus(s0, s1)),
  };
}
