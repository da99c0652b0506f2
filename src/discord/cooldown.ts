/**
 * One command per user every COOLDOWN_SECONDS: a user asking again too soon is told how long to
 * wait, and nobody else is slowed down. A user is remembered only while their cooldown runs, so
 * the map holds the users of the last few seconds, not everyone who ever asked; past 50,000 of
 * them the oldest goes first.
 */
const MAX_USERS = 50_000;

export class Cooldown {
  /** When each user last went on, oldest first. */
  private readonly lastCommandAt = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The seconds this user must still wait, or 0 when they may go on; going on starts their
   * next cooldown.
   */
  wait(userId: string): number {
    if (this.ms <= 0) return 0;
    const now = this.now();
    this.sweep(now);
    const last = this.lastCommandAt.get(userId);
    if (last !== undefined && now - last < this.ms) return Math.ceil((this.ms - (now - last)) / 1000);
    // Deleted first so that the map stays in time order.
    this.lastCommandAt.delete(userId);
    this.lastCommandAt.set(userId, now);
    if (this.lastCommandAt.size > MAX_USERS) this.lastCommandAt.delete(this.lastCommandAt.keys().next().value!);
    return 0;
  }

  /** Users remembered right now. */
  get size(): number {
    return this.lastCommandAt.size;
  }

  private sweep(now: number): void {
    for (const [userId, at] of this.lastCommandAt) {
      if (now - at < this.ms) break;
      this.lastCommandAt.delete(userId);
    }
  }
}
