/**
 * The bot on Discord: the real discord.js client, Guilds intent only, wired to its parts — the
 * central interaction handler (interactions.ts), the cooldown, the moderator check, autocomplete,
 * paging and the shard fan-out of /reload, each in a file of its own. Nothing a handler does can
 * crash the process.
 */
import { warmDictionary } from '../search/lexicon.ts';
import { Routes } from 'discord-api-types/v10';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { loadCommands } from '../../commands/index.ts';
import { type BotConfig, snapshotDirOf } from '../config.ts';
import { formatProblem } from '../corpus/load.ts';
import { LiveCorpus } from '../corpus/live.ts';
import type { Logger } from '../log.ts';
import { cacheSettings } from './cache.ts';
import { Cooldown } from './cooldown.ts';
import { CorpusUnavailable } from './errors.ts';
import { InFlight } from './inflight.ts';
import { ButtonExpiry } from './expiry.ts';
import { createInteractionHandler } from './interactions.ts';
import { pageButtons } from './messages.ts';
import { PAGE_TTL_MS, PageStore, pageHasContext } from './pages.ts';
import { restOptions } from './rest.ts';
import { answerRestarting, drain, exitOnSignals, type DrainReport } from './shutdown.ts';
import { exposeReload, reloadEverywhere } from './shards.ts';

export { CorpusUnavailable };

export interface BotOptions {
  config: BotConfig;
  logger: Logger;
  /** For tests: how long the buttons of a reply keep working (default: 15 minutes). */
  pageTtlMs?: number;
  /** An already opened corpus (a shard may share one); opened from config.CORPUS_DIR otherwise. */
  live?: LiveCorpus;
}

export interface Bot {
  client: Client;
  live: LiveCorpus;
  /** The interactions being answered. */
  inFlight: InFlight;
  /**
   * Stops taking new interactions, lets those in flight finish (at most `graceMs`), answers the
   * deferred ones that could not, then disconnects.
   */
  shutdown(graceMs: number): Promise<DrainReport>;
  /** Disconnects now. */
  stop(): Promise<void>;
}

export async function createBot(options: BotOptions): Promise<Bot> {
  const { config, logger } = options;
  const opened = options.live ?? (await LiveCorpus.open(config.CORPUS_DIR, { reloadTimeoutMs: config.CORPUS_RELOAD_TIMEOUT_SECONDS * 1000, snapshotDir: snapshotDirOf(config.SNAPSHOT_DIR) }));
  if (Array.isArray(opened)) throw new CorpusUnavailable(opened.map(formatProblem));
  const live = opened;
  if (!options.live) {
    const { from, reason, tookMs, written } = live.lastLoad;
    logger.info({ from, ...(reason ? { snapshot: reason } : {}), ms: tookMs, passages: live.index.allPassages().length }, 'corpus loaded');
    void written.then((problem) => problem && logger.warn({ problem }, 'could not write the corpus snapshot; the next start reads the reports again'));
  }

  const inFlight = new InFlight();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    makeCache: cacheSettings(),
    rest: restOptions(config.DISCORD_API_URL, { logger, timeoutMs: config.DISCORD_REQUEST_TIMEOUT_SECONDS * 1000, onRateLimited: (url, waitMs) => inFlight.noteRateLimit(url, waitMs) }),
  });

  const ttlMs = options.pageTtlMs ?? PAGE_TTL_MS;
  const expiry = new ButtonExpiry({
    ttlMs,
    logger,
    disabled: (id, shown) => pageButtons(id, { page: shown.page, pages: shown.pages, context: pageHasContext(shown.contextPages, shown.page), disabled: true }, shown.locale),
    // The reply's own webhook: no bot token, the interaction's token is the credential.
    edit: (token, components) =>
      client.rest.patch(Routes.webhookMessage(client.application?.id ?? client.user!.id, token, '@original'), { body: { components, allowed_mentions: { parse: [] } }, auth: false }),
    // Answers to users first: the edits wait while half of this second's requests are spent.
    busy: () => client.rest.globalRemaining < client.rest.options.globalRequestsPerSecond / 2 && Date.now() < client.rest.globalReset,
  });

  const handle = createInteractionHandler({
    config,
    logger,
    live,
    commands: await loadCommands(),
    pages: new PageStore(ttlMs),
    expiry,
    cooldown: new Cooldown(config.COOLDOWN_SECONDS * 1000),
    inFlight,
    reload: () => reloadEverywhere(client, live, config, logger),
  });
  exposeReload(client, live);

  let accepting = true;
  client.on(Events.InteractionCreate, (interaction) => {
    const work = accepting
      ? () => handle(interaction)
      : async () => {
          await answerRestarting(interaction);
          logger.info({ interaction: interaction.id, user: interaction.user.id, outcome: 'restarting' }, 'interaction');
        };
    void inFlight.track(interaction, work).catch((error) => logger.error({ err: error }, 'interaction handler failed'));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.ShardDisconnect, (_event, shard) => logger.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));

  async function disconnect(): Promise<void> {
    // Buttons still waiting for their edit are disabled when pressed, by the next process.
    const waiting = expiry.stop();
    if (waiting > 0) logger.info({ replies: waiting }, 'buttons left to be disabled when pressed');
    // Closing the gateway on purpose is not a disconnection worth a log line.
    client.removeAllListeners(Events.ShardDisconnect).removeAllListeners(Events.ShardReconnecting).removeAllListeners(Events.ShardResume);
    await client.destroy();
  }

  return {
    client,
    live,
    inFlight,
    async shutdown(graceMs) {
      accepting = false;
      const report = await drain(inFlight, graceMs, logger);
      await disconnect();
      return report;
    },
    stop: disconnect,
  };
}

/** `npm start` with a token: configuration, logger, corpus, login, and a clean exit on signals. */
export async function startBot(corpusDirOverride?: string): Promise<void> {
  const { readConfig } = await import('../config.ts');
  const { createLogger, flushLogs } = await import('../log.ts');
  const read = readConfig();
  if (!read.ok) {
    process.stderr.write(`The bot cannot start; fix these in .env or the environment (see .env.example):\n${read.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  const config = { ...read.config, ...(corpusDirOverride ? { CORPUS_DIR: corpusDirOverride } : {}) };
  // Under the sharding manager, every line says which shard wrote it.
  const base = createLogger(config.LOG_LEVEL);
  const logger = process.env.SHARDS ? base.child({ shards: process.env.SHARDS }) : base;
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  // After an exception nobody caught, the process's state is unknown: log it, flush, and exit
  // non-zero for the supervisor (or the sharding manager) to start a fresh one.
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception: exiting');
    void flushLogs(logger, 1000).then(() => process.exit(1));
  });

  let bot: Bot;
  try {
    bot = await createBot({ config, logger });
  } catch (error) {
    if (error instanceof CorpusUnavailable) {
      process.stderr.write(`The bot cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  exitOnSignals(logger, async (signal) => {
    logger.info({ signal, inFlight: bot.inFlight.size, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutting down');
    const report = await bot.shutdown(config.SHUTDOWN_GRACE_SECONDS * 1000);
    logger.info(report, 'stopped');
    return 0;
  });
  bot.client.once(Events.ClientReady, (ready) => {
    logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'ready');
    // Read it in slices once the bot has settled in, so the first English question does not
    // wait for it; unref'd, so it never holds up an exit.
    setTimeout(() => void warmDictionary(), 2000).unref();
  });
  try {
    await bot.client.login(config.DISCORD_TOKEN);
  } catch (error) {
    logger.error({ err: error }, 'login failed: check DISCORD_TOKEN (and DISCORD_API_URL)');
    await bot.stop();
    process.exit(1);
  }
}
