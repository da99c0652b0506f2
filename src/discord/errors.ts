/**
 * Failures and what the user is told: any error inside a handler becomes an ephemeral apology
 * with a short reference id that is also in the log, never a stack trace. An interaction Discord
 * has said is gone (10062 Unknown interaction: answered too late; 40060: already acknowledged)
 * is never answered again: a second answer could only fail, or show twice. Nor is one whose
 * first answer Discord did not take in time: it may have arrived, and the 3 s are over anyway;
 * when a later request (an edit, a follow-up) timed out, the user is told so.
 */
import { MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
// discord.js's own copy: the ESM build of @discordjs/rest is another class.
import { DiscordAPIError, type RepliableInteraction } from 'discord.js';
import { t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { NO_MENTIONS } from './messages.ts';
import { isDiscordTimeout } from './rest.ts';

const GONE = new Set<number | string>([RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged]);

/** How a failed interaction is logged. */
export function outcomeOf(error: unknown): 'gone' | 'discord_timeout' | 'error' {
  return isGone(error) ? 'gone' : isDiscordTimeout(error) ? 'discord_timeout' : 'error';
}

/** Discord said this interaction can no longer be answered. */
export function isGone(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && GONE.has(error.code);
}

export async function apologise(interaction: RepliableInteraction, error: unknown, locale: Locale, logger: Logger): Promise<void> {
  if (isGone(error)) {
    logger.warn({ interaction: interaction.id, code: error.code, reason: error.message }, 'interaction gone: not answered again');
    return;
  }
  const ref = Math.random().toString(36).slice(2, 10);
  const acknowledged = interaction.replied || interaction.deferred;
  if (isDiscordTimeout(error) && !acknowledged) {
    logger.error({ err: error, ref, interaction: interaction.id }, 'Discord did not take the first answer in time: not answered again');
    return;
  }
  logger.error({ err: error, ref }, 'interaction failed');
  const text = isDiscordTimeout(error) ? t(locale, 'error.discord.slow', { ref }) : t(locale, 'error.internal', { ref });
  const answer = { content: text, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } as const;
  try {
    if (acknowledged) await interaction.followUp(answer);
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
