/**
 * One command per user every COOLDOWN_SECONDS: a user asking again too soon is told how long to
 * wait, and nobody else is slowed down. Bounded: past 50,000 users the oldest entry goes first.
 */
const MAX_USERS = 50_000;

export class Cooldown {
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
    const now = this.now();
    const last = this.lastCommandAt.get(userId);
    if (this.ms > 0 && last !== undefined && now - last < this.ms) return Math.ceil((this.ms - (now - last)) / 1000);
    this.lastCommandAt.set(userId, now);
    if (this.lastCommandAt.size > MAX_USERS) this.lastCommandAt.delete(this.lastCommandAt.keys().next().value!);
    return 0;
  }
}
