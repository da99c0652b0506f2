/**
 * The corpus the bot answers from, and its reload. A reload reads and indexes the new corpus
 * beside the old one and swaps it in with one assignment: questions asked meanwhile are answered
 * from the old index, a broken new corpus changes nothing, and a second reload while one runs
 * is told so. A reload that has not finished after a set time (a disk that stopped answering) is
 * abandoned: its caller is told, the lock is freed, and whatever it reads later is never swapped in.
 */
import type { Corpus, CorpusProblem, LoadOptions, LoadResult } from './load.ts';
import { loadCorpus, nextTurn } from './load.ts';
import { SearchIndex } from '../search/index.ts';
import { fold } from '../text/fold.ts';

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
  /** Reads the corpus folder for a reload (tests stand a hung disk in for it). */
  load?: (dir: string, options: LoadOptions) => Promise<LoadResult>;
}

export const DEFAULT_RELOAD_TIMEOUT_MS = 60_000;

export class LiveCorpus {
  private reloading: Promise<ReloadOutcome> | null = null;
  readonly reloadTimeoutMs: number;
  private readonly load: NonNullable<LiveCorpusOptions['load']>;

  private constructor(
    public index: SearchIndex,
    private readonly dir: string,
    options: LiveCorpusOptions,
  ) {
    this.reloadTimeoutMs = options.reloadTimeoutMs ?? DEFAULT_RELOAD_TIMEOUT_MS;
    this.load = options.load ?? loadCorpus;
  }

  /** Loads the corpus once, in one go (nothing to answer yet); the problems when it is broken. */
  static async open(dir: string, options: LiveCorpusOptions = {}): Promise<LiveCorpus | CorpusProblem[]> {
    const result = await loadCorpus(dir);
    if (!result.ok) return result.errors;
    return new LiveCorpus(SearchIndex.build(result.corpus), dir, options);
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
    const result = await this.load(this.dir, { yieldBetweenArticles: true, signal });
    if (signal.aborted) return abandoned;
    if (!result.ok) return { ok: false, reason: 'broken', errors: result.errors };
    const next = await SearchIndex.buildAsync(result.corpus);
    await nextTurn();
    // Checked in the same turn as the swap: an abandoned reload never replaces the index.
    if (signal.aborted) return abandoned;
    const changes = diff(this.index.corpus, result.corpus);
    this.index = next;
    const warnings = result.corpus.articles.flatMap((a) => a.warnings);
    return { ok: true, changes, warnings, tookMs: Math.round(performance.now() - started), counts: countsOf(result.corpus) };
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
