/**
 * /corpus on Discord: the moderators' command, its article autocomplete and its buttons, in a
 * part of their own. Only in the admin guild and with Manage Server (checked on every
 * interaction, buttons too); every answer ephemeral. The command runs through the same path as
 * the console's; what is Discord's here is the subcommand's options, downloading an attached
 * report, the list's page buttons, a change's Add / Cancel buttons (disabled when the change
 * expires) and fitting what the bot understood of an article into one message. Changes, /reload
 * included, go through one CorpusManager: one at a time, audited.
 */
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import { decide } from '../../commands/corpus.ts';
import { errorReply, type Actor, type FileRead } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import { matchArticles } from '../corpus/articles.ts';
import { MAX_ARTICLE_BYTES } from '../corpus/load.ts';
import { CorpusManager } from '../corpus/manage.ts';
import { localeOf, t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import { downloadAttachment } from './attachments.ts';
import { escapeMarkdown, renderPages } from './embeds.ts';
import { apologise, outcomeOf } from './errors.ts';
import type { HandlerContext } from './interactions.ts';
import { LIMITS, cut } from './limits.ts';
import { NO_MENTIONS, replyPrivately } from './messages.ts';
import { isModerator } from './permissions.ts';

const COMMAND = 'corpus';
type RawOptions = Record<string, string | number | boolean>;

// One embed holds at most 6,000 characters, title, description, fields and footer together.
const EMBED_ROOM = LIMITS.embedTotal - 400;

// A download of at most 4 MB from Discord's CDN that takes longer is not going to finish.
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** custom_id of a page button of /corpus list: `corpus:list:<page>`. */
export function listButtonId(page: number): string {
  return `corpus:list:${page}`;
}

/** custom_id of a change's buttons: `corpus:yes:<change id>`, `corpus:no:<change id>`. */
export function decisionButtonId(id: string, yes: boolean): string {
  return `corpus:${yes ? 'yes' : 'no'}:${id}`;
}

const DECISION_BUTTON = /^corpus:(yes|no):([a-z0-9]{1,40})$/;

/** Answers that leave the change waiting: told apart from the change's outcome. */
const NOTES = new Set(['change_running', 'not_yours', 'change_expired']);

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
  // What the title and the description take (as renderPages cuts them), the facts share.
  const intro = [reply.error?.message, reply.summary, reply.notice ? `⚠ ${reply.notice}` : undefined].filter(Boolean).join('\n\n');
  const room = EMBED_ROOM - Math.min(escapeMarkdown(reply.title).length, LIMITS.title) - Math.min(escapeMarkdown(intro).length, 2000);
  const perFact = Math.min(LIMITS.fieldValue - 24, Math.floor(room / facts.length) - 40);
  return { ...reply, facts: facts.map((f) => ({ label: f.label, value: fitLines(f.value, perFact, locale) })) };
}

/** The message for a /corpus reply: one page, with Previous/Next when /corpus list has more. */
export function corpusMessage(reply: Reply, locale: Locale, options: { subcommand?: string; page?: number; expired?: boolean } = {}) {
  const paged = options.subcommand === 'list';
  const embeds = renderPages(paged ? reply : fitOnePage(reply, locale), locale);
  const page = Math.min(Math.max(options.page ?? 0, 0), embeds.length - 1);
  const confirm = reply.confirm;
  const components: APIActionRowComponent<APIButtonComponent>[] = confirm
    ? [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: confirm.action === 'remove' ? ButtonStyle.Danger : ButtonStyle.Success,
              label: t(locale, confirm.action === 'remove' ? 'label.remove' : 'label.add'),
              custom_id: decisionButtonId(confirm.id, true),
              disabled: Boolean(options.expired),
            },
            { type: ComponentType.Button, style: ButtonStyle.Secondary, label: t(locale, 'label.cancel'), custom_id: decisionButtonId(confirm.id, false), disabled: Boolean(options.expired) },
          ],
        },
      ]
    : paged && embeds.length > 1
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
  const manager = new CorpusManager(live, config.CORPUS_DIR, {
    reload: () => context.reload(),
    confirmTtlMs: config.CORPUS_CONFIRM_SECONDS * 1000,
    onAudit: (entry) => logger.info({ audit: entry }, 'corpus change'),
  });
  /** Previews whose buttons still work, to disable when they expire. */
  const previews = new Map<string, NodeJS.Timeout>();

  function readFile(interaction: ChatInputCommandInteraction) {
    return async (value: string): Promise<FileRead> => {
      const attachment = interaction.options.resolved?.attachments?.get(value);
      if (!attachment) return { ok: false, name: value, message: 'no such attachment in this command; attach the file again' };
      return downloadAttachment({ name: attachment.name, url: attachment.url, size: attachment.size }, { cdnUrl: config.DISCORD_CDN_URL, limit: MAX_ARTICLE_BYTES, timeoutMs: DOWNLOAD_TIMEOUT_MS });
    };
  }

  /** When the change expires, its buttons are disabled and the preview says so. */
  function expireLater(interaction: ChatInputCommandInteraction, reply: Reply, locale: Locale): void {
    const id = reply.confirm!.id;
    const timer = setTimeout(
      () => {
        previews.delete(id);
        const expired = { ...reply, notice: t(locale, 'corpus.expired.note') };
        interaction.editReply(corpusMessage(expired, locale, { expired: true })).then(
          () => logger.info({ change: id, user: interaction.user.id, outcome: 'expired' }, 'corpus change expired'),
          (error) => logger.warn({ err: error, change: id }, 'could not disable the buttons of an expired change'),
        );
      },
      Math.max(0, Date.parse(reply.confirm!.expiresAt) - Date.now()) + 50,
    );
    timer.unref();
    previews.set(id, timer);
  }

  function settled(id: string): void {
    clearTimeout(previews.get(id));
    previews.delete(id);
  }

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
      const reply = await runCommand(commands, COMMAND, raw, { index: live.index, locale, moderator: actorOf(interaction), manager, readFile: readFile(interaction) }, (error, ref) =>
        logger.error({ err: error, ref, command: COMMAND }, 'command failed'),
      );
      await interaction.editReply(corpusMessage(reply, locale, { subcommand: String(raw.subcommand ?? '') }));
      if (reply.confirm) expireLater(interaction, reply, locale);
      log(reply.ok ? 'ok' : reply.error!.code, reply.confirm ? { change: reply.confirm.id } : {});
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
        await interaction.reply({ embeds: renderPages(forbidden(locale), locale).slice(0, 1), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
        return log('forbidden');
      }
      const list = /^corpus:list:(\d{1,4})$/.exec(interaction.customId);
      if (list) {
        const reply = await runCommand(commands, COMMAND, { subcommand: 'list' }, { index: live.index, locale, moderator: actorOf(interaction) });
        await interaction.update(corpusMessage(reply, locale, { subcommand: 'list', page: Number(list[1]) }));
        return log('ok');
      }
      const decision = DECISION_BUTTON.exec(interaction.customId);
      if (decision) {
        const [, answer, id] = decision as unknown as [string, 'yes' | 'no', string];
        const asked = { manager, moderator: actorOf(interaction), locale };
        if (answer === 'no') {
          const reply = await decide(id, false, asked);
          if (reply.ok) {
            settled(id);
            await interaction.update(corpusMessage(reply, locale));
          } else await interaction.reply({ ...corpusMessage(reply, locale), flags: MessageFlags.Ephemeral });
          return log(reply.ok ? 'cancelled' : reply.error!.code);
        }
        // Decided before anything is awaited: a second moderator pressing at the same moment is
        // told a change is running. The reload may take a while: the press is acknowledged first.
        const deciding = decide(id, true, asked);
        deciding.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
        await interaction.deferUpdate();
        const reply = await deciding;
        if (!reply.ok && NOTES.has(reply.error!.code)) await interaction.followUp({ ...corpusMessage(reply, locale), flags: MessageFlags.Ephemeral });
        else {
          settled(id);
          await interaction.editReply(corpusMessage(reply, locale));
        }
        return log(reply.ok ? 'done' : reply.error!.code);
      }
      await interaction.reply({ content: t(locale, 'notice.expired'), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
      log('unknown');
    } catch (error) {
      await apologise(interaction, error, locale, logger);
      log(outcomeOf(error));
    }
  }

  return {
    /** /reload, serialised with the changes and audited. */
    reload: (by: Actor) => manager.reload(by),
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
