/**
 * The reply model: what a command answers, before it is rendered as a Discord embed, console
 * text or JSON. It holds passages as they are — rendering may cut or escape, never the model.
 */
import type { PassageContext } from './corpus/context.ts';
import type { QuotedPassage } from './search/quote.ts';

export type ErrorCode =
  | 'bad_option'
  | 'unknown_option'
  | 'missing_option'
  | 'unknown_speaker'
  | 'ambiguous_speaker'
  | 'unknown_article'
  | 'unknown_passage'
  | 'no_context'
  | 'file_unusable'
  | 'invalid_report'
  | 'duplicate_report'
  | 'change_expired'
  | 'not_yours'
  | 'change_running'
  | 'change_failed'
  | 'unknown_command'
  | 'forbidden'
  | 'reload_running'
  | 'reload_failed'
  | 'reload_timeout'
  | 'cooldown'
  | 'internal';

export interface Fact {
  label: string;
  value: string;
}

export interface Reply {
  command: string;
  ok: boolean;
  title: string;
  /** A line before the passages (the speaker's roles, the list's source). */
  summary?: string;
  passages: QuotedPassage[];
  speakers?: { name: string; roles: string[]; passages: number }[];
  /** Said when the answer is empty or partial, with what to try instead. */
  notice?: string;
  facts?: Fact[];
  error?: { code: ErrorCode; message: string };
  /** Only the asking user should see it (errors, moderator replies). */
  ephemeral?: boolean;
  /** The one passage of `passages` in its report: the paragraphs before and after it (/context). */
  context?: PassageContext;
  /** A change to the corpus waiting for the asker to confirm it (buttons, or y/n in the console). */
  confirm?: { id: string; action: 'add' | 'remove'; expiresAt: string };
}
