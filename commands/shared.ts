/** Pieces several commands share: finding a speaker, and what to say when nothing matches. */
import { InteractionContextType } from 'discord-api-types/v10';
import { t, type Locale } from '../src/i18n.ts';
import type { ReloadOutcome } from '../src/corpus/live.ts';
import { formatProblem } from '../src/corpus/load.ts';
import type { Speaker } from '../src/model.ts';
import type { Fact, Reply } from '../src/reply.ts';
import type { SearchIndex, SearchOutcome } from '../src/search/index.ts';
import { errorReply } from './define.ts';

/** Commands exist only in servers, never in DMs: the bot answers a community, not a person. */
export const GUILD_ONLY = [InteractionContextType.Guild] as const;
/** `default_member_permissions` of the moderators' commands: Manage Server (1 << 5). */
export const MANAGE_GUILD = String(1 << 5);

/** The speaker a user typed, or the error reply telling them who there is. */
export function resolveSpeaker(index: SearchIndex, command: string, input: string, locale: Locale): Speaker | Reply {
  const lookup = index.names.lookup(input);
  if ('found' in lookup) return lookup.found;
  if (lookup.error === 'ambiguous') {
    return errorReply(command, locale, 'ambiguous_speaker', t(locale, 'error.ambiguous.speaker', { name: input, candidates: lookup.candidates.map((s) => s.name).join(', ') }));
  }
  const suggestion = lookup.suggestions.length
    ? t(locale, 'error.speaker.suggest', { names: lookup.suggestions.map((s) => s.name).join(', ') })
    : t(locale, 'error.speaker.list', { names: index.corpus.speakers.map((s) => s.name).join(', ') });
  return errorReply(command, locale, 'unknown_speaker', t(locale, 'error.unknown.speaker', { name: input, suggestion }));
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'command' in value && 'ok' in value;
}

/** The notice for an empty or partial answer: never an empty reply. */
export function searchNotice(index: SearchIndex, query: string, outcome: SearchOutcome, locale: Locale): string | undefined {
  const speakers = index.corpus.speakers
    .slice(0, 8)
    .map((s) => s.name)
    .join(', ');
  if (outcome.onlyStopWords) return `${t(locale, 'notice.stopwords', { query })} ${t(locale, 'notice.try', { speakers })}`;
  if (outcome.mode === 'none') {
    const close = index.closeWords(query);
    return [t(locale, 'notice.nothing', { query }), close.length ? t(locale, 'notice.close', { words: close.join(', ') }) : '', t(locale, 'notice.try', { speakers })].filter(Boolean).join(' ');
  }
  if (outcome.mode === 'any') {
    const missing = outcome.missing.length ? ` ${t(locale, 'notice.missing', { words: outcome.missing.join(', ') })}` : '';
    return t(locale, 'notice.partial', { query }) + missing;
  }
  return undefined;
}

/** At most this many passages in one reply: a large corpus must not make a reply of thousands. */
export const MAX_PASSAGES = 100;

/** The first MAX_PASSAGES items, and a line saying so when there were more. */
export function capped<T>(items: T[], locale: Locale): { items: T[]; note?: string } {
  if (items.length <= MAX_PASSAGES) return { items };
  return { items: items.slice(0, MAX_PASSAGES), note: t(locale, 'summary.capped', { shown: MAX_PASSAGES, total: items.length }) };
}

/** Joins summary lines, skipping empty ones. */
export function lines(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.length ? kept.join('\n') : undefined;
}

/** What a reload that went through changed: the counts, what was added and removed, each shard, the warnings. */
export function reloadReport(outcome: Extract<ReloadOutcome, { ok: true }>, locale: Locale): { summary: string; notice?: string; facts: Fact[] } {
  const shards = outcome.shards?.length
    ? [{ label: t(locale, 'reload.shards'), value: outcome.shards.map((s) => t(locale, s.ok ? 'reload.shard.ok' : 'reload.shard.failed', { shard: s.shard, detail: s.detail })).join('\n') }]
    : [];
  const failed = (outcome.shards ?? []).filter((s) => !s.ok).map((s) => s.shard);
  const { changes, counts, warnings, tookMs } = outcome;
  const list = (names: string[]) => (names.length ? ` (${names.join(', ')})` : '');
  return {
    summary: `${t(locale, 'reload.ok', { ...counts, ms: tookMs })}\n${t(locale, 'reload.changes', {
      articlesAdded: changes.articlesAdded.length + list(changes.articlesAdded),
      articlesRemoved: changes.articlesRemoved.length + list(changes.articlesRemoved),
      passagesAdded: changes.passagesAdded,
      passagesRemoved: changes.passagesRemoved,
      speakersAdded: changes.speakersAdded.length + list(changes.speakersAdded),
      speakersRemoved: changes.speakersRemoved.length + list(changes.speakersRemoved),
    })}`,
    ...(failed.length ? { notice: t(locale, 'reload.shards.failed', { shards: failed.join(', ') }) } : {}),
    facts: [...shards, ...(warnings.length ? [{ label: t(locale, 'reload.warnings'), value: warnings.map(formatProblem).join('\n') }] : [])],
  };
}
