/**
 * /corpus on Discord: the moderators' command, its article autocomplete and its buttons, in a
 * part of their own. Only in the admin guild and with Manage Server (checked on every
 * interaction, buttons too); every answer ephemeral. The command runs through the same path as
 * the console's; what is Discord's here is the subcommand's options, the list's page buttons and
 * fitting what the bot understood of an article into one message.
 */
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Actor } from '../../commands/define.ts';
import { errorReply } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import { matchArticles } from '../corpus/articles.ts';
import { localeOf, t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import { escapeMarkdown, renderPages } from './embeds.ts';
import { apologise, outcomeOf } from './errors.ts';
import type { HandlerContext } from './interactions.ts';
import { LIMITS, cut } from './limits.ts';
import { NO_MENTIONS, replyPrivately } from './messages.ts';
import { isModerator } from './permissions.ts';

const COMMAND = 'corpus';
type RawOptions = Record<string, string | number | boolean>;

// One embed holds at most 6,000 characters: what is left for the facts of a one-page answer
// once the title (256) and the description (2,000) have theirs, with room for the footer.
const FACTS_BUDGET = 6000 - 256 - 2000 - 300;

/** custom_id of a page button of /corpus list: `corpus:list:<page>`. */
export function listButtonId(page: number): string {
  return `corpus:list:${page}`;
}

/** The subcommand and its options, flat, as the console writes them. */
function rawOptions(interaction: ChatInputCommandInteraction): RawOptions {
  const [sub] = interaction.options.data;
  if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) return {};
  return { subcommand: sub.name, ...Object.fromEntries((sub.options ?? []).map((o) => [o.name, o.value ?? ''])) };
}

export function actorOf(interaction: Interaction): Actor {
  return { id: `discord:${interaction.user.id}`, name: interaction.user.username };
}

/**
 * A fact's lines, as many as fit in `budget` characters once escaped, then how many more there
 * are: a list cut in the middle of a line would hide how long it is.
 */
export function fitLines(value: string, budget: number, locale: Locale): string {
  if (escapeMarkdown(value).length <= budget) return value;
  const lines = value.split('\n');
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const more = t(locale, 'corpus.more', { count: lines.length - i });
    const length = escapeMarkdown(line).length + 1;
    if (size + length + more.length + 8 > budget) {
      if (kept.length === 0) kept.push(cut(line, Math.max(20, Math.floor((budget - more.length) / 2))));
      const rest = lines.length - kept.length;
      if (rest > 0) kept.push(t(locale, 'corpus.more', { count: rest }));
      break;
    }
    kept.push(line);
    size += length;
  }
  return kept.join('\n');
}

/** A reply whose facts all fit in one embed (an article shown, a preview), each list cut by lines. */
export function fitOnePage(reply: Reply, locale: Locale): Reply {
  const facts = reply.facts ?? [];
  if (facts.length === 0) return reply;
  const perFact = Math.min(LIMITS.fieldValue - 24, Math.floor(FACTS_BUDGET / facts.length) - 40);
  return { ...reply, facts: facts.map((f) => ({ label: f.label, value: fitLines(f.value, perFact, locale) })) };
}

/** The message for a /corpus reply: one page, with Previous/Next when /corpus list has more. */
export function corpusMessage(reply: Reply, locale: Locale, tookMs: number, options: { subcommand?: string; page?: number } = {}) {
  const paged = options.subcommand === 'list';
  const embeds = renderPages(paged ? reply : fitOnePage(reply, locale), locale, tookMs);
  const page = Math.min(Math.max(options.page ?? 0, 0), embeds.length - 1);
  const components: APIActionRowComponent<APIButtonComponent>[] =
    paged && embeds.length > 1
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `◀ ${t(locale, 'label.previous')}`, custom_id: listButtonId(page - 1), disabled: page === 0 },
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${t(locale, 'label.next')} ▶`, custom_id: listButtonId(page + 1), disabled: page >= embeds.length - 1 },
            ],
          },
        ]
      : [];
  return { embeds: [embeds[page]!], components, allowedMentions: NO_MENTIONS };
}

export function createCorpusHandler(context: HandlerContext) {
  const { config, logger, live, commands, cooldown } = context;
  const moderator = (interaction: Interaction) => isModerator(interaction, config.DISCORD_ADMIN_GUILD_ID);
  const forbidden = (locale: Locale) => errorReply(COMMAND, locale, 'forbidden', t(locale, 'error.forbidden.corpus'));

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const locale = localeOf(interaction.locale);
    const raw = rawOptions(interaction);
    const log = (outcome: string, extra: object = {}) =>
      logger.info({ command: COMMAND, options: raw, guild: interaction.guildId, user: interaction.user.id, latencyMs: Math.round(performance.now() - started), outcome, ...extra }, 'interaction');
    try {
      const seconds = cooldown.wait(interaction.user.id);
      if (seconds > 0) {
        await replyPrivately(interaction, errorReply(COMMAND, locale, 'cooldown', t(locale, 'error.cooldown', { seconds })), locale);
        return log('cooldown');
      }
      if (!moderator(interaction)) {
        await replyPrivately(interaction, forbidden(locale), locale);
        return log('forbidden');
      }
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const reply = await runCommand(commands, COMMAND, raw, { index: live.index, locale, moderator: actorOf(interaction) }, (error, ref) => logger.error({ err: error, ref, command: COMMAND }, 'command failed'));
      await interaction.editReply(corpusMessage(reply, locale, Math.round(performance.now() - started), { subcommand: String(raw.subcommand ?? '') }));
      log(reply.ok ? 'ok' : reply.error!.code);
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error));
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const focused = interaction.options.getFocused(true);
      // Article ids are shown to moderators only.
      if (focused.name !== 'article' || !moderator(interaction)) {
        await interaction.respond([]);
        return;
      }
      const choices = matchArticles(live.index.corpus, String(focused.value ?? ''))
        .slice(0, LIMITS.choices)
        .map((a) => ({ name: cut(`${a.meta.title} (${a.meta.id})`, LIMITS.choiceName), value: a.meta.id.slice(0, LIMITS.choiceValue) }));
      await interaction.respond(choices);
    } catch (error) {
      logger.error({ err: error }, 'autocomplete failed');
    }
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const locale = localeOf(interaction.locale);
    const log = (outcome: string) => logger.info({ button: interaction.customId, guild: interaction.guildId, user: interaction.user.id, outcome }, 'corpus button');
    try {
      if (!moderator(interaction)) {
        await interaction.reply({ embeds: renderPages(forbidden(locale), locale, 0).slice(0, 1), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
        return log('forbidden');
      }
      const list = /^corpus:list:(\d{1,4})$/.exec(interaction.customId);
      if (list) {
        const reply = await runCommand(commands, COMMAND, { subcommand: 'list' }, { index: live.index, locale, moderator: actorOf(interaction) });
        await interaction.update(corpusMessage(reply, locale, 0, { subcommand: 'list', page: Number(list[1]) }));
        return log('ok');
      }
      await interaction.reply({ content: t(locale, 'notice.expired'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      log('unknown');
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error));
    }
  }

  return {
    handles(interaction: Interaction): boolean {
      if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName === COMMAND;
      return interaction.isButton() && interaction.customId.startsWith(`${COMMAND}:`);
    },
    async handle(interaction: Interaction): Promise<void> {
      if (interaction.isChatInputCommand()) return onCommand(interaction);
      if (interaction.isAutocomplete()) return onAutocomplete(interaction);
      if (interaction.isButton()) return onButton(interaction);
    },
  };
}
