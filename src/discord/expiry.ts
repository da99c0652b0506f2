/**
 * Disabling a reply's buttons when they expire, so that nobody presses a button that can only
 * say "expired".
 *
 * Only the token of the interaction that asked can edit its reply, and it dies after 15 minutes:
 * the edit must be sent before then. A timer per reply would not hold at the rates the bot is
 * built for: at 50 replies with buttons a second, 50 edits a second would take every request
 * discord.js allows itself (50 a second, answers to users included), and keeping every token
 * would double what the page store keeps. So the edits go through one queue, one timer, and a
 * budget:
 * - at most DISABLE_EDITS_PER_SECOND replies a second are taken into the queue (a token bucket);
 *   beyond that, a reply's buttons are disabled when someone presses one (the handler answers
 *   the press with an update that disables them), and the log counts the replies left out;
 * - an edit is due when the buttons expire, and 30 s before the token dies at the latest; it waits
 *   while discord.js's request budget for the current second is half spent, since answers to
 *   users come first, and is dropped (and logged) if it could not be sent before the token dies;
 * - what is kept per reply is its token and a reference to the page store's entry (which page it
 *   shows, and so which buttons): a few hundred bytes, for at most 5 × 900 replies.
 */
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { Logger } from '../log.ts';
import type { ShownButtons } from './pages.ts';

/** How long Discord keeps an interaction's token: the reply can be edited until then. */
export const TOKEN_LIFE_MS = 15 * 60 * 1000;
/** Buttons are disabled this long before the token dies, at the latest. */
export const DISABLE_LEAD_MS = 30_000;
/** An edit not sent by this long before the token dies is dropped: Discord would refuse it. */
const LAST_CHANCE_MS = 5_000;
/** Replies a second whose buttons are disabled by an edit: a tenth of discord.js's 50 requests a second. */
export const DISABLE_EDITS_PER_SECOND = 5;
/** When the queue is busy (the request budget was short), edits sent in one go at most. */
const BURST_SECONDS = 2;
/** Waiting for the request budget: how long before looking again. */
const BUSY_RETRY_MS = 250;
/** Replies left out are logged at most this often. */
const SKIP_LOG_MS = 60_000;

type Components = APIActionRowComponent<APIComponentInMessageActionRow>[];

export interface ExpiryOptions {
  /** How long the buttons work (the page store's time to live). */
  ttlMs: number;
  editsPerSecond?: number;
  now?: () => number;
  /** The reply's buttons, all disabled, as the message shows them now. */
  disabled: (id: string, shown: ShownButtons) => Components;
  /** Replaces the components of the reply the token answered (PATCH …/messages/@original). */
  edit: (token: string, components: Components) => Promise<unknown>;
  /** True while the requests to Discord are short of budget: the edits wait. */
  busy?: () => boolean;
  logger: Logger;
}

interface Pending {
  id: string;
  token: string;
  shown: ShownButtons;
}

export class ButtonExpiry {
  private readonly queue: Pending[] = [];
  private head = 0;
  private readonly rate: number;
  private readonly capacity: number;
  private allowance: number;
  private refilledAt: number;
  private timer: NodeJS.Timeout | null = null;
  private skipped = 0;
  private skipLoggedAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: ExpiryOptions) {
    this.rate = options.editsPerSecond ?? DISABLE_EDITS_PER_SECOND;
    this.capacity = Math.max(1, this.rate * BURST_SECONDS);
    this.allowance = this.capacity;
    this.now = options.now ?? Date.now;
    this.refilledAt = this.now();
  }

  /** Replies waiting for their edit. */
  get size(): number {
    return this.queue.length - this.head;
  }

  /**
   * Takes a reply's buttons into the queue, if the budget allows; false when they are left to be
   * disabled on a press.
   */
  schedule(id: string, token: string, shown: ShownButtons): boolean {
    if (this.stopped) return false;
    const now = this.now();
    this.allowance = Math.min(this.capacity, this.allowance + ((now - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = now;
    if (this.allowance < 1) {
      this.skipped++;
      if (now - this.skipLoggedAt >= SKIP_LOG_MS) {
        this.options.logger.info({ skipped: this.skipped, perSecond: this.rate }, 'more replies with buttons than edits allowed: the others are disabled when pressed');
        this.skipLoggedAt = now;
        this.skipped = 0;
      }
      return false;
    }
    this.allowance -= 1;
    this.queue.push({ id, token, shown });
    this.arm();
    return true;
  }

  /** Stops: nothing more is sent. Returns how many replies were still waiting. */
  stop(): number {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const left = this.size;
    this.queue.length = 0;
    this.head = 0;
    return left;
  }

  private dueAt(p: Pending): number {
    return p.shown.createdAt + Math.min(this.options.ttlMs, TOKEN_LIFE_MS - DISABLE_LEAD_MS);
  }

  private arm(delay?: number): void {
    if (this.timer || this.stopped || this.size === 0) return;
    const wait = delay ?? Math.max(0, this.dueAt(this.queue[this.head]!) - this.now());
    this.timer = setTimeout(() => this.run(), wait);
    this.timer.unref();
  }

  private run(): void {
    this.timer = null;
    if (this.stopped) return;
    if (this.options.busy?.()) {
      this.arm(BUSY_RETRY_MS);
      return;
    }
    const now = this.now();
    let sent = 0;
    while (this.size > 0 && sent < this.capacity) {
      const p = this.queue[this.head]!;
      if (this.dueAt(p) > now) break;
      this.head++;
      if (now > p.shown.createdAt + TOKEN_LIFE_MS - LAST_CHANCE_MS) {
        this.options.logger.warn({ reply: p.id, lateMs: now - this.dueAt(p) }, 'buttons not disabled: the reply can no longer be edited; they are disabled when pressed');
        continue;
      }
      this.send(p);
      sent++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    // A full burst: the rest waits its share of the rate.
    this.arm(sent >= this.capacity ? (sent / this.rate) * 1000 : undefined);
  }

  private send(p: Pending): void {
    const { logger } = this.options;
    this.options.edit(p.token, this.options.disabled(p.id, p.shown)).then(
      () => logger.info({ reply: p.id, outcome: 'disabled' }, 'buttons expired'),
      (error: unknown) => logger.warn({ err: error, reply: p.id }, 'could not disable the buttons of an expired reply; they are disabled when pressed'),
    );
  }
}
