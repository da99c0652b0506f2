/**
 * The central interaction handler: one function per kind of interaction — slash command, the
 * "Find in the summit reports" message menu, autocomplete, the buttons and select of a reply.
 * Each logs one line, runs the command through the same path as the console, and turns any
 * failure into an ephemeral answer with a reference id.
 *
 * A reply with buttons (pages, Context) is stored for them (pages.ts); its buttons are the
 * asker's, and they expire: the reply is edited to disable them shortly before its token dies
 * (expiry.ts), and a press on a button that has expired all the same (the edit was left out, or
 * the bot restarted) is answered by disabling them there and then.
 */
import { MessageFlags } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction, Interaction, MessageContextMenuCommandInteraction, StringSelectMenuInteraction } from 'discord.js';
import { errorReply, type Command } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import type { BotConfig } from '../config.ts';
import type { LiveCorpus, ReloadOutcome } from '../corpus/live.ts';
import { localeOf, t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../reply.ts';
import { onAutocomplete } from './autocomplete.ts';
import { contextReply, contextual, parseComponentId, pickComponents } from './context.ts';
import type { Cooldown } from './cooldown.ts';
import { actorOf, createCorpusHandler } from './corpus.ts';
import { passagePages, renderPages, renderReply } from './embeds.ts';
import { apologise, outcomeOf } from './errors.ts';
import type { ButtonExpiry } from './expiry.ts';
import { FIND_IN_REPORTS, findInReports } from './find.ts';
import type { InFlight } from './inflight.ts';
import { NO_MENTIONS, disabledComponents, pageMessage, replyPrivately } from './messages.ts';
import { contextMask, corpusGeneration, type PageRequest, type PageStore, type RawOptions } from './pages.ts';
import { isModerator } from './permissions.ts';

export interface HandlerContext {
  config: BotConfig;
  logger: Logger;
  live: LiveCorpus;
  commands: readonly Command[];
  pages: PageStore;
  /** Disables the buttons of stored replies when they expire. */
  expiry?: ButtonExpiry;
  cooldown: Cooldown;
  inFlight: InFlight;
  /** /reload: this process's corpus, or every shard's. */
  reload: () => Promise<ReloadOutcome>;
}

type LogOutcome = (outcome: string, results: number, extra?: object) => void;
type Component = ButtonInteraction | StringSelectMenuInteraction;

export function createInteractionHandler(context: HandlerContext): (interaction: Interaction) => Promise<void> {
  const { config, logger, live, commands, pages, expiry, cooldown, inFlight } = context;
  // /corpus, its autocomplete and its buttons have a part of their own; /reload goes through it.
  const corpus = createCorpusHandler(context);

  function interactionLog(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, command: string, raw: RawOptions, started: number): LogOutcome {
    return (outcome, results, extra = {}) => {
      const rateLimitedMs = inFlight.rateLimitedMs(interaction.id);
      logger.info(
        {
          command,
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
  }

  /** Sends a reply's first page; a reply with pages or passages in running text is stored for its buttons, which will expire. */
  async function sendReply(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    request: Omit<PageRequest, 'pages' | 'contextPages'>,
    reply: Reply,
    options: { ephemeral?: boolean; content?: string } = {},
  ): Promise<{ pages: number }> {
    const { embeds, context } = renderReply(reply, request.locale);
    const buttons = embeds.length > 1 || context.some(Boolean);
    const storeId = buttons ? pages.put({ ...request, pages: embeds.length, contextPages: contextMask(context) }) : null;
    await interaction.reply({
      ...pageMessage(embeds, 0, storeId, request.locale, context[0]),
      ...(options.content ? { content: options.content } : {}),
      ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    });
    if (storeId) {
      const shown = pages.buttons(storeId);
      if (shown) expiry?.schedule(storeId, interaction.token, shown);
    }
    return { pages: embeds.length };
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const locale = localeOf(interaction.locale);
    const raw = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value ?? ''])) as RawOptions;
    const log = interactionLog(interaction, interaction.commandName, raw, started);

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
      const sent = await sendReply(interaction, { command: interaction.commandName, options: raw, locale, tookMs, generation: corpusGeneration(index) }, reply, { ephemeral: reply.ephemeral });
      // The passage ids the user is not shown, for tracing an answer back to the corpus.
      const passages = reply.passages.slice(0, 25).map((q) => q.passage.id);
      log(reply.ok ? 'ok' : reply.error!.code, reply.passages.length || reply.speakers?.length || 0, { pages: sent.pages, ...(passages.length ? { passages } : {}) });
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error), 0);
    }
  }

  /** "Find in the summit reports" on a message: /ask with the message's words, for the asker alone. */
  async function onMessageCommand(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    const started = performance.now();
    const locale = localeOf(interaction.locale);
    // Logged as /ask with the words looked up; the message by its id.
    const raw: RawOptions = {};
    const log = interactionLog(interaction, 'ask', raw, started);
    const extra: Record<string, unknown> = { menu: FIND_IN_REPORTS.name, message: interaction.targetId };
    try {
      const seconds = cooldown.wait(interaction.user.id);
      if (seconds > 0) {
        await replyPrivately(interaction, errorReply('ask', locale, 'cooldown', t(locale, 'error.cooldown', { seconds })), locale);
        return log('cooldown', 0, extra);
      }
      const index = live.index;
      const found = await findInReports(commands, interaction.targetMessage.content ?? '', index, locale, (error, ref) => logger.error({ err: error, ref, command: 'ask' }, 'command failed'));
      raw.query = found.query.query;
      if (found.query.cut) extra.cutFrom = found.query.length;
      if (found.query.query === '') {
        await replyPrivately(interaction, found.reply, locale);
        return log('empty_message', 0, extra);
      }
      const tookMs = Math.round(performance.now() - started);
      // The note on a cut goes in the message's text, not the embed: a page button computes the
      // pages again from the question alone, and they must come out the same.
      const sent = await sendReply(interaction, { command: 'ask', options: { query: found.query.query }, locale, tookMs, generation: corpusGeneration(index) }, found.reply, {
        ephemeral: true,
        ...(found.note ? { content: found.note } : {}),
      });
      const passages = found.reply.passages.slice(0, 25).map((q) => q.passage.id);
      log(found.reply.ok ? 'ok' : found.reply.error!.code, found.reply.passages.length, { ...extra, pages: sent.pages, ...(passages.length ? { passages } : {}) });
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error), 0, extra);
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

  /**
   * Previous / Next, Context, and the select of passages Context answers with. Each names a
   * stored reply and a page; the page is computed again, from the corpus that gave the first one.
   */
  async function onComponent(interaction: Component): Promise<void> {
    const locale = localeOf(interaction.locale);
    const target = parseComponentId(interaction.customId);
    const kind = target?.kind ?? 'page';
    const logLine = (outcome: string, extra: object = {}) => logger.info({ button: interaction.customId, user: interaction.user.id, outcome, ...extra }, kind === 'page' ? 'page' : 'context');
    const notice = async (key: 'notice.expired' | 'notice.corpus.changed' | 'notice.not.yours' | 'notice.context.none', outcome: string) => {
      await interaction.reply({ content: t(locale, key), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      logLine(outcome);
    };
    try {
      const entry = target ? pages.get(target.id) : null;
      if (!target || !entry || target.page < 0 || target.page >= entry.pages) {
        // Expired (or the bot restarted since): the buttons are disabled where they are, for
        // anyone, and the one who pressed is told why.
        await interaction.update({ components: disabledComponents(interaction.message.components), allowedMentions: NO_MENTIONS });
        await interaction.followUp({ content: t(locale, 'notice.expired'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
        return logLine('expired', { disabled: true });
      }
      // The buttons are the asker's: someone else pressing is told to ask for themselves, and
      // the message does not change under the asker's eyes. Discord names the asker on the
      // message (on the select's private message, the one who pressed Context: the asker).
      const asker = interaction.message.interactionMetadata?.user.id;
      if (asker && asker !== interaction.user.id) return await notice('notice.not.yours', 'not_yours');
      const index = live.index;
      if (corpusGeneration(index) !== entry.generation) return await notice('notice.corpus.changed', 'corpus_changed');
      const reply = await runCommand(commands, entry.command, entry.options, { index, locale: entry.locale });

      if (kind === 'page') {
        const { embeds, context } = renderReply(reply, entry.locale);
        if (target.page >= embeds.length) return await notice('notice.expired', 'expired');
        await interaction.update(pageMessage(embeds, target.page, target.id, entry.locale, context[target.page]));
        pages.showing(target.id, target.page);
        return logLine('ok');
      }

      const page = passagePages(reply, entry.locale)[target.page];
      if (!page) return await notice('notice.expired', 'expired');
      const choices = contextual(page);
      if (choices.length === 0) return await notice('notice.context.none', 'no_context');
      if (kind === 'context' && choices.length > 1) {
        await interaction.reply({
          content: t(entry.locale, 'context.pick'),
          components: pickComponents(target.id, target.page, choices, null, entry.locale),
          allowedMentions: NO_MENTIONS,
          flags: MessageFlags.Ephemeral,
        });
        return logLine('choose', { choices: choices.length });
      }
      const wanted = kind === 'pick' && interaction.isStringSelectMenu() ? Number(interaction.values[0]) : choices[0]!.n;
      const chosen = choices.find((item) => item.n === wanted);
      if (!chosen) return await notice('notice.expired', 'expired');
      const shown = await contextReply(commands, chosen, index, entry.locale, (error, ref) => logger.error({ err: error, ref, command: 'context' }, 'command failed'));
      const message = { embeds: renderPages(shown, entry.locale).slice(0, 1), allowedMentions: NO_MENTIONS };
      if (kind === 'pick') await interaction.update({ ...message, content: t(entry.locale, 'context.pick'), components: pickComponents(target.id, target.page, choices, chosen.n, entry.locale) });
      else await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
      logLine(shown.ok ? 'ok' : shown.error!.code, { passage: chosen.quote.passage.id });
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      logLine(outcomeOf(error));
    }
  }

  return async function handle(interaction: Interaction): Promise<void> {
    if (corpus.handles(interaction)) return corpus.handle(interaction);
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isMessageContextMenuCommand() && interaction.commandName === FIND_IN_REPORTS.name) return onMessageCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction, live, logger);
    if (interaction.isButton() || interaction.isStringSelectMenu()) return onComponent(interaction);
  };
}
