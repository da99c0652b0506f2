/**
 * Replies too long for one message, kept for the 15 minutes Discord keeps an interaction's token
 * alive so their buttons can page through them; after that a button says the results have
 * expired. The reply model is kept, not its rendering: it holds references to passages the
 * corpus holds anyway, so thousands of entries cost little. Bounded: the oldest go first.
 */
import { randomBytes } from 'node:crypto';
import type { Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';

export const PAGE_TTL_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export interface PagedReply {
  reply: Reply;
  locale: Locale;
  tookMs: number;
  pages: number;
}

interface Entry extends PagedReply {
  createdAt: number;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PAGE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  put(paged: PagedReply): string {
    this.sweep();
    const id = randomBytes(6).toString('base64url');
    this.entries.set(id, { ...paged, createdAt: this.now() });
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
