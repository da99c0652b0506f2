/**
 * The central interaction handler: one function per kind of interaction — slash command,
 * autocomplete, page button. Each logs one line, runs the command through the same path as the
 * console, and turns any failure into an ephemeral answer with a reference id.
 */
import { MessageFlags } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Command } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import type { BotConfig } from '../config.ts';
import type { LiveCorpus, ReloadOutcome } from '../corpus/live.ts';
import { localeOf, t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { onAutocomplete } from './autocomplete.ts';
import type { Cooldown } from './cooldown.ts';
import { actorOf, createCorpusHandler } from './corpus.ts';
import { renderPages } from './embeds.ts';
import { apologise, outcomeOf } from './errors.ts';
import type { InFlight } from './inflight.ts';
import { NO_MENTIONS, pageMessage, replyPrivately } from './messages.ts';
import { corpusGeneration, parsePageButton, type PageStore, type RawOptions } from './pages.ts';
import { isModerator } from './permissions.ts';

export interface HandlerContext {
  config: BotConfig;
  logger: Logger;
  live: LiveCorpus;
  commands: readonly Command[];
  pages: PageStore;
  cooldown: Cooldown;
  inFlight: InFlight;
  /** /reload: this process's corpus, or every shard's. */
  reload: () => Promise<ReloadOutcome>;
}

type LogOutcome = (outcome: string, results: number, extra?: object) => void;

export function createInteractionHandler(context: HandlerContext): (interaction: Interaction) => Promise<void> {
  const { config, logger, live, commands, pages, cooldown, inFlight } = context;
  // /corpus, its autocomplete and its buttons have a part of their own; /reload goes through it.
  const corpus = createCorpusHandler(context);

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const locale = localeOf(interaction.locale);
    const raw = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value ?? ''])) as RawOptions;
    const log: LogOutcome = (outcome, results, extra = {}) => {
      const rateLimitedMs = inFlight.rateLimitedMs(interaction.id);
      logger.info(
        {
          command: interaction.commandName,
          options: raw,
          guild: interaction.guildId,
          user: interaction.user.id,
          latencyMs: Math.round(performance.now() - started),
          results,
          outcome,
          ...(rateLimitedMs ? { rateLimitedMs } : {}),
          ...extra,
        },
        'interaction',
      );
    };

    try {
      const seconds = cooldown.wait(interaction.user.id);
      if (seconds > 0) {
        await replyPrivately(
          interaction,
          { command: interaction.commandName, ok: false, title: t(locale, 'title.error'), passages: [], error: { code: 'cooldown', message: t(locale, 'error.cooldown', { seconds }) } },
          locale,
        );
        return log('cooldown', 0);
      }

      const command = commands.find((c) => c.definition.name === interaction.commandName);
      if (command?.moderatorOnly) return await onModeratorCommand(interaction, command, raw, locale, log);

      const index = live.index;
      const mayModerate = isModerator(interaction, config.DISCORD_ADMIN_GUILD_ID);
      const reply = await runCommand(commands, interaction.commandName, raw, { index, locale, mayModerate }, (error, ref) =>
        logger.error({ err: error, ref, command: interaction.commandName }, 'command failed'),
      );
      const tookMs = Math.round(performance.now() - started);
      const embeds = renderPages(reply, locale);
      const storeId = embeds.length > 1 ? pages.put({ command: interaction.commandName, options: raw, locale, tookMs, pages: embeds.length, generation: corpusGeneration(index) }) : null;
      await interaction.reply({ ...pageMessage(embeds, 0, storeId, locale), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
      // The passage ids the user is not shown, for tracing an answer back to the corpus.
      const passages = reply.passages.slice(0, 25).map((q) => q.passage.id);
      log(reply.ok ? 'ok' : reply.error!.code, reply.passages.length || reply.speakers?.length || 0, { pages: embeds.length, ...(passages.length ? { passages } : {}) });
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error), 0);
    }
  }

  async function onModeratorCommand(interaction: ChatInputCommandInteraction, command: Command, raw: RawOptions, locale: Locale, log: LogOutcome): Promise<void> {
    if (!isModerator(interaction, config.DISCORD_ADMIN_GUILD_ID)) {
      const reply = await runCommand(commands, command.definition.name, raw, { index: live.index, locale });
      await replyPrivately(interaction, reply, locale);
      return log('forbidden', 0);
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await runCommand(commands, command.definition.name, raw, { index: live.index, locale, reload: () => corpus.reload(actorOf(interaction)) }, (error, ref) =>
      logger.error({ err: error, ref }, 'moderator command failed'),
    );
    const embeds = renderPages(reply, locale);
    await interaction.editReply({ embeds: embeds.slice(0, 1), allowedMentions: NO_MENTIONS });
    log(reply.ok ? 'ok' : reply.error!.code, 0);
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const locale = localeOf(interaction.locale);
    const logPage = (outcome: string) => logger.info({ button: interaction.customId, user: interaction.user.id, outcome }, 'page');
    const notice = async (key: 'notice.expired' | 'notice.corpus.changed', outcome: string) => {
      await interaction.reply({ content: t(locale, key), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      logPage(outcome);
    };
    try {
      // The buttons are the asker's: someone else pressing is told to ask for themselves, and
      // the message does not change under the asker's eyes. Discord names the asker on the
      // message, so nothing is stored per reply for it.
      const asker = interaction.message.interactionMetadata?.user.id;
      if (asker && asker !== interaction.user.id) {
        await interaction.reply({ content: t(locale, 'notice.not.yours'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
        return logPage('not_yours');
      }
      const target = parsePageButton(interaction.customId);
      const entry = target ? pages.get(target.id) : null;
      if (!target || !entry || target.page < 0 || target.page >= entry.pages) return await notice('notice.expired', 'expired');
      // The page is computed again, from the corpus that gave the first one.
      const index = live.index;
      if (corpusGeneration(index) !== entry.generation) return await notice('notice.corpus.changed', 'corpus_changed');
      const reply = await runCommand(commands, entry.command, entry.options, { index, locale: entry.locale });
      const embeds = renderPages(reply, entry.locale);
      if (target.page >= embeds.length) return await notice('notice.expired', 'expired');
      await interaction.update(pageMessage(embeds, target.page, target.id, entry.locale));
      logPage('ok');
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      logPage(outcomeOf(error));
    }
  }

  return async function handle(interaction: Interaction): Promise<void> {
    if (corpus.handles(interaction)) return corpus.handle(interaction);
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction, live, logger);
    if (interaction.isButton()) return onButton(interaction);
  };
}
