/**
 * Graceful shutdown. On SIGINT or SIGTERM (or when the sharding manager asks) the bot stops
 * taking new interactions — those that still arrive are told it is restarting — and lets those
 * in flight finish, for at most SHUTDOWN_GRACE_SECONDS (20 s by default: a bound well inside the
 * 15 minutes an interaction lives, and below the 30 s most supervisors wait before killing). A
 * deferred reply that could not be completed by then is answered with a follow-up saying so.
 * Then the client disconnects, the logs are flushed and the process exits 0. A second signal
 * exits at once.
 */
import { MessageFlags } from 'discord-api-types/v10';
import type { Interaction } from 'discord.js';
import { localeOf, t } from '../i18n.ts';
import { flushLogs, type Logger } from '../log.ts';
import type { InFlight } from './inflight.ts';
import { NO_MENTIONS } from './messages.ts';
import { withTimeout } from './shards.ts';

/** How long the last word to an unfinished interaction may take. */
const LAST_WORD_MS = 5000;

export interface DrainReport {
  /** In flight when the shutdown began. */
  inFlight: number;
  /** Still unfinished at the end of the grace period. */
  unfinished: number;
  /** Of those, deferred replies answered with a follow-up. */
  told: number;
  tookMs: number;
}

/** Waits for the interactions in flight (at most `graceMs`), then answers unfinished deferred ones. */
export async function drain(inFlight: InFlight, graceMs: number, logger: Logger): Promise<DrainReport> {
  const started = performance.now();
  const atStart = inFlight.size;
  const unfinished = await inFlight.settle(graceMs);
  const deferred = unfinished.filter((i) => i.isRepliable() && i.deferred && !i.replied);
  const told = await Promise.allSettled(
    deferred.map((i) =>
      withTimeout(
        i.isRepliable()
          ? i.followUp({ content: t(localeOf(i.locale), 'notice.stopped.unfinished'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral }).then(() => undefined)
          : Promise.resolve(),
        LAST_WORD_MS,
        'the follow-up did not get through',
      ),
    ),
  );
  for (const [n, r] of told.entries()) if (r.status === 'rejected') logger.warn({ err: r.reason, interaction: deferred[n]!.id }, 'could not tell the user the bot stopped');
  for (const i of unfinished) logger.warn({ interaction: i.id, type: i.type, user: i.user.id }, 'unfinished at shutdown');
  return { inFlight: atStart, unfinished: unfinished.length, told: told.filter((r) => r.status === 'fulfilled').length, tookMs: Math.round(performance.now() - started) };
}

/** What a new interaction hears while the bot shuts down. */
export async function answerRestarting(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) return interaction.respond([]);
  if (!interaction.isRepliable()) return;
  await interaction.reply({ content: t(localeOf(interaction.locale), 'notice.restarting'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}

/** The message the sharding manager sends a shard to make it shut down. */
export const SHUTDOWN_MESSAGE = 'summit:shutdown';

/**
 * Calls `stop` on the first SIGINT or SIGTERM, or on the manager's message, then flushes the
 * logs and exits with the code `stop` gives; a second signal flushes what it can in a moment
 * and exits 1.
 */
export function exitOnSignals(logger: Logger, stop: (reason: string) => Promise<number>, onSecondSignal: () => void = () => {}): void {
  let stopping = false;
  const begin = (reason: string) => {
    stopping = true;
    void stop(reason)
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        return 1;
      })
      .then(async (code) => {
        await flushLogs(logger);
        process.exit(code);
      });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return begin(signal);
    logger.warn({ signal }, 'second signal: exiting now');
    onSecondSignal();
    void flushLogs(logger, 250).then(() => process.exit(1));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Under the sharding manager a shard is told over IPC, not by a signal, so that a terminal's
  // Ctrl-C (which reaches every process of the group) does not count twice.
  process.on('message', (message) => {
    if (message === SHUTDOWN_MESSAGE && !stopping) begin('manager');
  });
}
