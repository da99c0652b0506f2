/**
 * Button state for replies with buttons — more pages than one message holds, or passages with a
 * Context button — kept for the 15 minutes Discord keeps an interaction's token alive so their
 * buttons can page through them or show a passage's paragraphs; after that the buttons are
 * disabled (see expiry.ts). What is kept is what it takes to compute the pages again — the
 * command, its options, the locale, the time the answer took and which corpus answered — not
 * the reply: a few hundred bytes an entry, so 15 minutes at 50 replies with buttons a second
 * (45,000 entries) fits in a few megabytes. A button recomputes its page from the same corpus;
 * after a /reload it says the reports changed. Entries expire by age only; the count bound is a
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
  /** Which pages have a Context button (see contextMask); none when left out. */
  contextPages?: number;
}

/** What the buttons of a stored reply look like now, for disabling them when they expire. */
export interface ShownButtons {
  readonly createdAt: number;
  readonly pages: number;
  readonly contextPages: number;
  readonly locale: Locale;
  /** The page the message shows (a page button changes it). */
  readonly page: number;
}

interface Entry {
  /** The command and its options as one JSON string: one allocation, not an object per option. */
  call: string;
  locale: Locale;
  tookMs: number;
  pages: number;
  generation: number;
  contextPages: number;
  createdAt: number;
  page: number;
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
    const { command, options, locale, tookMs, pages, generation, contextPages } = request;
    this.entries.set(id, { call: JSON.stringify([command, options]), locale, tookMs, pages, generation, contextPages: contextPages ?? 0, createdAt: this.now(), page: 0 });
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
    return { command, options, locale: entry.locale, tookMs: entry.tookMs, pages: entry.pages, generation: entry.generation, contextPages: entry.contextPages };
  }

  /** The message of a stored reply now shows this page. */
  showing(id: string, page: number): void {
    const entry = this.entries.get(id);
    if (entry) entry.page = page;
  }

  /**
   * The live view of an entry's buttons, whatever its age: held by whoever disables them when
   * they expire, it stays readable after the entry has left the store.
   */
  buttons(id: string): ShownButtons | null {
    return this.entries.get(id) ?? null;
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

/** Which pages have passages with a Context button, one bit a page (pages from 30 on share the last bit). */
export function contextMask(pages: boolean[]): number {
  let mask = 0;
  pages.forEach((has, i) => {
    if (has) mask |= 1 << Math.min(i, 30);
  });
  return mask;
}

export function pageHasContext(mask: number, page: number): boolean {
  return (mask & (1 << Math.min(page, 30))) !== 0;
}

/** custom_id of a page button: `page:<store id>:<page index>`. */
export function pageButtonId(id: string, page: number): string {
  return `page:${id}:${page}`;
}

export function parsePageButton(customId: string): { id: string; page: number } | null {
  const m = /^page:([\w-]{1,20}):(\d{1,4})$/.exec(customId);
  return m ? { id: m[1]!, page: Number(m[2]) } : null;
}
