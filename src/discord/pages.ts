/**
 * Page state for replies too long for one message, kept for the 15 minutes Discord keeps an
 * interaction's token alive so their buttons can page through them; after that a button says
 * the results have expired. What is kept is what it takes to compute the pages again — the
 * command, its options, the locale, the time the answer took and which corpus answered — not
 * the reply: a few hundred bytes an entry, so 15 minutes at 50 paged replies a second (45,000
 * entries) fits in a few megabytes. A button recomputes its page from the same corpus; after a
 * /reload it says the reports changed. Entries expire by age only; the count bound is a
 * safeguard far above the stated rate.
 */
import { randomBytes } from 'node:crypto';
import type { Locale } from '../i18n.ts';

export const PAGE_TTL_MS = 15 * 60 * 1000;
/** 15 minutes at 200 paged replies a second, four times the rate the README states. */
export const MAX_PAGE_ENTRIES = 180_000;

export type RawOptions = Record<string, string | number | boolean>;

/** What a button needs to compute a page of the reply again. */
export interface PageRequest {
  command: string;
  options: RawOptions;
  locale: Locale;
  tookMs: number;
  pages: number;
  /** The corpus that answered (see corpusGeneration). */
  generation: number;
}

interface Entry {
  /** The command and its options as one JSON string: one allocation, not an object per option. */
  call: string;
  locale: Locale;
  tookMs: number;
  pages: number;
  generation: number;
  createdAt: number;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PAGE_TTL_MS,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = MAX_PAGE_ENTRIES,
  ) {}

  put(request: PageRequest): string {
    this.sweep();
    const id = randomBytes(6).toString('base64url');
    const { command, options, locale, tookMs, pages, generation } = request;
    this.entries.set(id, { call: JSON.stringify([command, options]), locale, tookMs, pages, generation, createdAt: this.now() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  get(id: string): PageRequest | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (this.now() - entry.createdAt > this.ttlMs) {
      this.entries.delete(id);
      return null;
    }
    const [command, options] = JSON.parse(entry.call) as [string, RawOptions];
    return { command, options, locale: entry.locale, tookMs: entry.tookMs, pages: entry.pages, generation: entry.generation };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops what has expired (entries are in age order). */
  sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (now - entry.createdAt <= this.ttlMs) break;
      this.entries.delete(id);
    }
  }
}

const generations = new WeakMap<object, number>();
let lastGeneration = 0;

/** A number for each corpus index the bot has answered from: a reload makes a new one. */
export function corpusGeneration(index: object): number {
  let n = generations.get(index);
  if (n === undefined) {
    n = ++lastGeneration;
    generations.set(index, n);
  }
  return n;
}

/** custom_id of a page button: `page:<store id>:<page index>`. */
export function pageButtonId(id: string, page: number): string {
  return `page:${id}:${page}`;
}

export function parsePageButton(customId: string): { id: string; page: number } | null {
  const m = /^page:([\w-]{1,20}):(\d{1,4})$/.exec(customId);
  return m ? { id: m[1]!, page: Number(m[2]) } : null;
}
