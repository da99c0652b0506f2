/**
 * Pages of replies too long for one message, kept for the 15 minutes Discord keeps an
 * interaction's token alive; after that a page button says the results have expired. Bounded
 * in size: the oldest entries go first.
 */
import { randomBytes } from 'node:crypto';
import type { APIEmbed } from 'discord-api-types/v10';
import type { Locale } from '../i18n.ts';

export const PAGE_TTL_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

interface Entry {
  pages: APIEmbed[];
  locale: Locale;
  createdAt: number;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PAGE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  put(pages: APIEmbed[], locale: Locale): string {
    this.sweep();
    const id = randomBytes(6).toString('base64url');
    this.entries.set(id, { pages, locale, createdAt: this.now() });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  get(id: string): Entry | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (this.now() - entry.createdAt > this.ttlMs) {
      this.entries.delete(id);
      return null;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (now - entry.createdAt <= this.ttlMs) break; // insertion order is age order
      this.entries.delete(id);
    }
  }
}

/** custom_id of a page button: `page:<store id>:<page index>`. */
export function pageButtonId(id: string, page: number): string {
  return `page:${id}:${page}`;
}

export function parsePageButton(customId: string): { id: string; page: number } | null {
  const m = /^page:([\w-]{1,20}):(\d{1,4})$/.exec(customId);
  return m ? { id: m[1]!, page: Number(m[2]) } : null;
}
