/**
 * Failures and what the user is told: any error inside a handler becomes an ephemeral apology
 * with a short reference id that is also in the log, never a stack trace. An interaction Discord
 * has said is gone (10062 Unknown interaction: answered too late; 40060: already acknowledged)
 * is never answered again: a second answer could only fail, or show twice.
 */
import { MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
// discord.js's own copy: the ESM build of @discordjs/rest is another class.
import { DiscordAPIError, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { NO_MENTIONS } from './messages.ts';

const GONE = new Set<number | string>([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]);

/** Discord said this interaction can no longer be answered. */
export function isGone(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && GONE.has(error.code);
}

export async function apologise(interaction: ChatInputCommandInteraction | ButtonInteraction, error: unknown, locale: Locale, logger: Logger): Promise<void> {
  if (isGone(error)) {
    logger.warn({ interaction: interaction.id, code: error.code, reason: error.message }, 'interaction gone: not answered again');
    return;
  }
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

/** The corpus folder cannot be loaded at start: the bot does not start. */
export class CorpusUnavailable extends Error {
  constructor(readonly problems: string[]) {
    super(`the corpus cannot be loaded:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
