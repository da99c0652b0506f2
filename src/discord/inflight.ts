/**
 * The interactions being answered right now, for three things: a graceful shutdown waits for
 * them, rate-limit waits are charged to the interaction that met them (its log line says how
 * long it waited), and nothing is answered twice. An entry lives from the gateway event to the
 * handler's end, so the map holds only the work in progress.
 */
import type { Interaction } from 'discord.js';

interface Running {
  interaction: Interaction;
  done: Promise<void>;
  /** Milliseconds spent waiting on rate limits, overlapping waits counted once. */
  rateLimitedMs: number;
  waitingUntil: number;
}

export class InFlight {
  private readonly running = new Map<string, Running>();
  private readonly byToken = new Map<string, string>();
  private idle: (() => void)[] = [];

  get size(): number {
    return this.running.size;
  }

  /** Runs the handler's work for this interaction, tracked until it settles. */
  track(interaction: Interaction, work: () => Promise<void>): Promise<void> {
    const entry: Running = { interaction, done: Promise.resolve(), rateLimitedMs: 0, waitingUntil: 0 };
    this.running.set(interaction.id, entry);
    this.byToken.set(interaction.token, interaction.id);
    entry.done = work().finally(() => {
      this.running.delete(interaction.id);
      this.byToken.delete(interaction.token);
      if (this.running.size === 0) for (const resolve of this.idle.splice(0)) resolve();
    });
    return entry.done;
  }

  /** Charges a rate-limit wait to the interaction whose request (by URL) met it. */
  noteRateLimit(url: string, waitMs: number, now = Date.now()): void {
    const entry = this.entryForUrl(url);
    if (!entry || waitMs <= 0) return;
    const end = now + waitMs;
    if (end <= entry.waitingUntil) return;
    entry.rateLimitedMs += end - Math.max(now, entry.waitingUntil);
    entry.waitingUntil = end;
  }

  rateLimitedMs(interactionId: string): number {
    return Math.round(this.running.get(interactionId)?.rateLimitedMs ?? 0);
  }

  /** Resolves when nothing is in flight, or after `ms`; returns what is still running then. */
  async settle(ms: number): Promise<Interaction[]> {
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((resolve) => this.idle.push(resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    }
    return [...this.running.values()].map((r) => r.interaction);
  }

  private entryForUrl(url: string): Running | undefined {
    const m = /\/interactions\/(\d+)\/|\/webhooks\/\d+\/([^/?#]+)/.exec(url);
    if (!m) return undefined;
    const id = m[1] ?? this.byToken.get(m[2]!);
    return id ? this.running.get(id) : undefined;
  }
}
