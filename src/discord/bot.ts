/**
 * The bot on Discord: the real discord.js client, Guilds intent only. One central handler per
 * kind of interaction — slash command, autocomplete, page button — that logs one line, runs the
 * command through the same path as the console, and turns any failure into an ephemeral answer
 * with a reference id. Nothing a handler does can crash the process.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord-api-types/v10';
import { Client, Events, GatewayIntentBits, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Command } from '../../commands/define.ts';
import { loadCommands, runCommand } from '../../commands/index.ts';
import type { BotConfig } from '../config.ts';
import { formatProblem } from '../corpus/load.ts';
import { LiveCorpus, type ReloadOutcome, type ShardReload } from '../corpus/live.ts';
import { localeOf, t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../reply.ts';
import { fold } from '../text/fold.ts';
import { renderPages } from './embeds.ts';
import { LIMITS } from './limits.ts';
import { PageStore, pageButtonId, parsePageButton } from './pages.ts';

export interface BotOptions {
  config: BotConfig;
  logger: Logger;
  /** For tests: how long page buttons keep working (default: 15 minutes). */
  pageTtlMs?: number;
  /** An already opened corpus (a shard may share one); opened from config.CORPUS_DIR otherwise. */
  live?: LiveCorpus;
}

export interface Bot {
  client: Client;
  live: LiveCorpus;
  stop(): Promise<void>;
}

/** Nothing the bot sends may ping anyone: quoted or typed text can hold @everyone or <@id>. */
const NO_MENTIONS = { parse: [] as [] };

export async function createBot(options: BotOptions): Promise<Bot> {
  const { config, logger } = options;
  const opened = options.live ?? (await LiveCorpus.open(config.CORPUS_DIR, { reloadTimeoutMs: config.CORPUS_RELOAD_TIMEOUT_SECONDS * 1000 }));
  if (Array.isArray(opened)) throw new CorpusUnavailable(opened.map(formatProblem));
  const live = opened;
  const commands = await loadCommands();
  const pages = new PageStore(options.pageTtlMs);
  const lastCommandAt = new Map<string, number>();

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {},
  });

  client.on(Events.InteractionCreate, (interaction) => {
    void handle(interaction).catch((error) => logger.error({ err: error }, 'interaction handler failed'));
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.ShardDisconnect, (_event, shard) => logger.warn({ shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));

  async function handle(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isButton()) return onButton(interaction);
  }

  function message(embeds: APIEmbed[], page: number, storeId: string | null, locale: Locale) {
    const components: APIActionRowComponent<APIButtonComponent>[] =
      storeId && embeds.length > 1
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `◀ ${t(locale, 'label.previous')}`, custom_id: pageButtonId(storeId, page - 1), disabled: page === 0 },
                { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${t(locale, 'label.next')} ▶`, custom_id: pageButtonId(storeId, page + 1), disabled: page >= embeds.length - 1 },
              ],
            },
          ]
        : [];
    return { embeds: [embeds[page]!], components, allowedMentions: NO_MENTIONS };
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const locale = localeOf(interaction.locale);
    const raw = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value ?? ''])) as Record<string, string | number | boolean>;
    const log = (outcome: string, results: number, extra: object = {}) =>
      logger.info(
        { command: interaction.commandName, options: raw, guild: interaction.guildId, user: interaction.user.id, latencyMs: Math.round(performance.now() - started), results, outcome, ...extra },
        'interaction',
      );

    try {
      const cooldownMs = config.COOLDOWN_SECONDS * 1000;
      const now = Date.now();
      const last = lastCommandAt.get(interaction.user.id);
      if (cooldownMs > 0 && last !== undefined && now - last < cooldownMs) {
        const seconds = Math.ceil((cooldownMs - (now - last)) / 1000);
        await replyPrivately(interaction, { command: interaction.commandName, ok: false, title: t(locale, 'title.error'), passages: [], error: { code: 'cooldown', message: t(locale, 'error.cooldown', { seconds }) } }, locale);
        return log('cooldown', 0);
      }
      lastCommandAt.set(interaction.user.id, now);
      if (lastCommandAt.size > 50_000) lastCommandAt.delete(lastCommandAt.keys().next().value!);

      const command = commands.find((c) => c.definition.name === interaction.commandName);
      if (command?.moderatorOnly) return await onModeratorCommand(interaction, command, raw, locale, log);

      const reply = await runCommand(commands, interaction.commandName, raw, { index: live.index, locale }, (error, ref) => logger.error({ err: error, ref, command: interaction.commandName }, 'command failed'));
      const tookMs = Math.round(performance.now() - started);
      const embeds = renderPages(reply, locale, tookMs);
      const storeId = embeds.length > 1 ? pages.put({ reply, locale, tookMs, pages: embeds.length }) : null;
      await interaction.reply({ ...message(embeds, 0, storeId, locale), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      log(reply.ok ? 'ok' : reply.error!.code, reply.passages.length || reply.speakers?.length || 0, { pages: embeds.length });
    } catch (error) {
      await apologise(interaction, error, locale);
      log('error', 0);
    }
  }

  async function onModeratorCommand(
    interaction: ChatInputCommandInteraction,
    command: Command,
    raw: Record<string, string | number | boolean>,
    locale: Locale,
    log: (outcome: string, results: number, extra?: object) => void,
  ): Promise<void> {
    // Discord hides the command from members without Manage Server, but admins can change
    // that per server: the handler checks again, and only in the admin guild.
    const allowed =
      interaction.inGuild() &&
      interaction.guildId === config.DISCORD_ADMIN_GUILD_ID &&
      Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
    const started = performance.now();
    if (!allowed) {
      const reply = await runCommand(commands, command.definition.name, raw, { index: live.index, locale });
      await replyPrivately(interaction, reply, locale);
      return log('forbidden', 0);
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await runCommand(commands, command.definition.name, raw, { index: live.index, locale, reload: () => reloadEverywhere() }, (error, ref) =>
      logger.error({ err: error, ref }, 'moderator command failed'),
    );
    const embeds = renderPages(reply, locale, Math.round(performance.now() - started));
    await interaction.editReply({ embeds: embeds.slice(0, 1), allowedMentions: NO_MENTIONS });
    log(reply.ok ? 'ok' : reply.error!.code, 0);
  }

  // Another shard's /reload reaches this one through the sharding manager (broadcastEval).
  (client as SummitClient).summitReload = () => live.reload();

  /** Reloads this process's corpus, or, when sharded, every shard's, each reported on its own. */
  async function reloadEverywhere(): Promise<ReloadOutcome> {
    const shard = client.shard;
    if (!shard) return live.reload();
    const timeoutMs = config.SHARD_RELOAD_TIMEOUT_SECONDS * 1000;
    const ids = [...Array(shard.count).keys()];
    const settled = await Promise.allSettled(
      ids.map((id) =>
        withTimeout(
          shard.broadcastEval((c) => (c as SummitClient).summitReload!(), { shard: id }) as Promise<ReloadOutcome>,
          timeoutMs,
          `did not answer within ${config.SHARD_RELOAD_TIMEOUT_SECONDS} s`,
        ),
      ),
    );
    const shards: ShardReload[] = settled.map((r, id) => {
      if (r.status === 'rejected') return { shard: id, ok: false, detail: r.reason instanceof Error ? r.reason.message : String(r.reason) };
      const o = r.value;
      if (o.ok) return { shard: id, ok: true, detail: `${o.counts.passages} passages` };
      if (o.reason === 'running') return { shard: id, ok: false, detail: 'a reload is already running' };
      if (o.reason === 'timeout') return { shard: id, ok: false, detail: `did not finish within ${o.seconds} s and was abandoned` };
      return { shard: id, ok: false, detail: o.errors.map(formatProblem).join('; ') };
    });
    const outcomes = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const best = outcomes.find((o) => o.ok) ?? outcomes.find((o) => !o.ok && o.reason === 'broken') ?? outcomes[0];
    logger.info({ shards }, 'reload on every shard');
    return { ...(best ?? { ok: false, reason: 'broken', errors: [{ file: '(shards)', message: 'no shard answered' }] }), shards };
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    try {
      const focused = interaction.options.getFocused(true);
      // Only speaker options autocomplete; anything else gets no suggestions rather than names.
      if (focused.name !== 'speaker') {
        await interaction.respond([]);
        return;
      }
      const typed = fold(String(focused.value ?? '')).trim();
      const forms = live.index.names.allForms();
      const scored = forms
        .map(({ form, speaker }) => {
          const f = fold(form);
          const score = typed === '' ? 1 : f.startsWith(typed) ? 3 : f.includes(typed) ? 2 : 0;
          return { form, speaker, score };
        })
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score);
      const seen = new Set<string>();
      const choices: { name: string; value: string }[] = [];
      for (const { form, speaker } of scored) {
        const key = `${speaker.name}\u0000${form}`;
        if (seen.has(key) || choices.length >= LIMITS.choices) continue;
        seen.add(key);
        const name = form === speaker.name ? speaker.name : `${form} → ${speaker.name}`;
        choices.push({ name: name.slice(0, LIMITS.choiceName), value: speaker.name.slice(0, LIMITS.choiceValue) });
      }
      await interaction.respond(choices);
      logger.info({ command: interaction.commandName, autocomplete: typed, guild: interaction.guildId, user: interaction.user.id, latencyMs: Math.round(performance.now() - started), results: choices.length, outcome: 'ok' }, 'autocomplete');
    } catch (error) {
      logger.error({ err: error }, 'autocomplete failed');
    }
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const locale = localeOf(interaction.locale);
    try {
      const target = parsePageButton(interaction.customId);
      const entry = target ? pages.get(target.id) : null;
      if (!target || !entry || target.page < 0 || target.page >= entry.pages) {
        await interaction.reply({ content: t(locale, 'notice.expired'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
        logger.info({ button: interaction.customId, user: interaction.user.id, outcome: 'expired' }, 'page');
        return;
      }
      await interaction.update(message(renderPages(entry.reply, entry.locale, entry.tookMs), target.page, target.id, entry.locale));
      logger.info({ button: interaction.customId, user: interaction.user.id, outcome: 'ok' }, 'page');
    } catch (error) {
      await apologise(interaction, error, locale);
    }
  }

  async function apologise(interaction: ChatInputCommandInteraction | ButtonInteraction, error: unknown, locale: Locale): Promise<void> {
    const ref = Math.random().toString(36).slice(2, 10);
    logger.error({ err: error, ref }, 'interaction failed');
    const answer = { content: t(locale, 'error.internal', { ref }), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } as const;
    try {
      if (interaction.replied || interaction.deferred) await interaction.followUp(answer);
      else await interaction.reply(answer);
    } catch (second) {
      logger.error({ err: second, ref }, 'could not tell the user about the failure');
    }
  }

  return {
    client,
    live,
    async stop() {
      await client.destroy();
    },
  };
}

/** A one-page answer only the asker sees: refusals, cooldown notes. */
async function replyPrivately(interaction: ChatInputCommandInteraction, reply: Reply, locale: Locale): Promise<void> {
  await interaction.reply({ embeds: renderPages(reply, locale, 0).slice(0, 1), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}

/** The client, with the hook through which any shard can reload this one. */
type SummitClient = Client & { summitReload?: () => Promise<ReloadOutcome> };

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export class CorpusUnavailable extends Error {
  constructor(readonly problems: string[]) {
    super(`the corpus cannot be loaded:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** `npm start` with a token: configuration, logger, corpus, login, and a clean exit on signals. */
export async function startBot(corpusDirOverride?: string): Promise<void> {
  const { readConfig } = await import('../config.ts');
  const { createLogger } = await import('../log.ts');
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
  process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception'));

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
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  bot.client.once(Events.ClientReady, (ready) => logger.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'ready'));
  try {
    await bot.client.login(config.DISCORD_TOKEN);
  } catch (error) {
    logger.error({ err: error }, 'login failed: check DISCORD_TOKEN (and DISCORD_API_URL)');
    await bot.stop();
    process.exit(1);
  }
}
