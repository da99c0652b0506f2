/**
 * Failures and what the user is told: any error inside a handler becomes an ephemeral apology
 * with a short reference id that is also in the log, never a stack trace.
 */
import { MessageFlags } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { t, type Locale } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { NO_MENTIONS } from './messages.ts';

export async function apologise(interaction: ChatInputCommandInteraction | ButtonInteraction, error: unknown, locale: Locale, logger: Logger): Promise<void> {
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
