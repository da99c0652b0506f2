/**
 * What a command module is: its definition as data — the very object registered with Discord —
 * and a function from validated options to a reply. The handler's option types are derived from
 * the definition, so the two cannot drift apart; the zod schema that checks options at the edge
 * (console line or Discord interaction) is derived from it too. A command with subcommands
 * (/corpus list, /corpus add …) gets `{ subcommand, ...that subcommand's options }`.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ReloadOutcome } from '../src/corpus/live.ts';
import type { Actor, CorpusManager } from '../src/corpus/manage.ts';
import { t, type Locale } from '../src/i18n.ts';
import type { Reply } from '../src/reply.ts';
import type { SearchIndex } from '../src/search/index.ts';

/** Discord's command body, readonly so that definitions can be written `as const` literals. */
type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
export type CommandDefinition = DeepReadonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;

/** The body to send to Discord's bulk-overwrite endpoint. */
export function toBody(definition: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return definition as RESTPostAPIChatInputApplicationCommandsJSONBody;
}

type OptionDef = { readonly name: string; readonly type: ApplicationCommandOptionType; readonly required?: boolean; readonly max_length?: number; readonly options?: readonly OptionDef[] };
type ValueOf<T> = T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number ? number : T extends ApplicationCommandOptionType.Boolean ? boolean : string;
type OptionDefsOf<D> = D extends { readonly options: readonly (infer O extends OptionDef)[] } ? O : never;

/** `{ query: string }` from `options: [{ name: 'query', type: String, required: true }]`. */
type FlatOptionsOf<D> = {
  [O in OptionDefsOf<D> as O extends { required: true } ? O['name'] : never]: ValueOf<O['type']>;
} & {
  [O in OptionDefsOf<D> as O extends { required: true } ? never : O['name']]?: ValueOf<O['type']>;
};
type SubcommandDef = OptionDef & { readonly type: ApplicationCommandOptionType.Subcommand };
/** One member per subcommand: `{ subcommand: 'show'; article: string } | { subcommand: 'list' }`. */
type SubcommandOptionsOf<D> = OptionDefsOf<D> extends infer O ? (O extends SubcommandDef ? { subcommand: O['name'] } & FlatOptionsOf<O> : never) : never;
export type OptionsOf<D> = [OptionDefsOf<D>] extends [never] ? FlatOptionsOf<D> : [OptionDefsOf<D>] extends [SubcommandDef] ? SubcommandOptionsOf<D> : FlatOptionsOf<D>;

export type { Actor };

/** A file handed in, or why it could not be had (too large, from the wrong host, unreadable). */
export type FileRead = { ok: true; name: string; bytes: Uint8Array } | { ok: false; name: string; message: string };

export interface CommandContext {
  index: SearchIndex;
  locale: Locale;
  /** Re-reads the corpus; present where the user may reload. */
  reload?: () => Promise<ReloadOutcome>;
  /** The asker may use the moderators' commands (Manage Server): /help lists them only then. */
  mayModerate?: boolean;
  /** The moderator asking; present only where the user may manage the corpus. */
  moderator?: Actor;
  /** Prepares and makes changes to the corpus folder; present with `moderator`. */
  manager?: CorpusManager;
  /** Reads the file a file option names: a Discord attachment by its id, a path in the console. */
  readFile?: (value: string) => Promise<FileRead>;
  /** Every command, for /help. */
  commands: readonly Command[];
  /** Asked in the local console (which has the console-only commands), not on Discord. */
  console?: boolean;
}

export interface Command<D extends CommandDefinition = CommandDefinition> {
  definition: D;
  /** Examples for /help, as typed in the console. */
  examples: readonly string[];
  /** Moderator-only: registered in the admin guild alone. */
  moderatorOnly?: boolean;
  /**
   * The console's only: never registered with Discord, where the same answer comes from a
   * button (/context is the Context button of a reply).
   */
  consoleOnly?: boolean;
  run(options: OptionsOf<D>, context: CommandContext): Reply | Promise<Reply>;
}

export function defineCommand<const D extends CommandDefinition>(command: Command<D>): Command<D> {
  return command;
}

/** An error reply, shown only to the asker. */
export function errorReply(command: string, locale: Locale, code: NonNullable<Reply['error']>['code'], message: string): Reply {
  return { command, ok: false, title: t(locale, 'title.error'), passages: [], error: { code, message }, ephemeral: true };
}

// Characters that can never be part of a question: controls (but tab), lone surrogates, and
// bidirectional overrides that would make an echoed value display misleadingly.
// With the u flag a surrogate range matches only lone surrogates: pairs are one code point.
const UNSEARCHABLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/** Cleans a typed value: unsearchable characters become spaces, runs of spaces one. */
export function cleanValue(value: string): string {
  return value.replace(UNSEARCHABLE, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Validates raw option values against a definition: unknown options, missing required ones,
 * empty and over-long values are refused with a message saying which option and why. For a
 * command with subcommands, `raw.subcommand` names the subcommand whose options the rest are.
 */
export function parseOptions<D extends CommandDefinition>(
  definition: D,
  raw: Record<string, string | number | boolean>,
  locale: Locale,
): { ok: true; options: OptionsOf<D> } | { ok: false; reply: Reply } {
  const defs = (definition.options ?? []) as readonly OptionDef[];
  const subcommands = defs.filter((d) => d.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) return parseFlat(definition.name, definition, raw, locale) as { ok: true; options: OptionsOf<D> } | { ok: false; reply: Reply };
  const { subcommand, ...rest } = raw;
  const chosen = subcommands.find((d) => d.name === subcommand);
  if (!chosen) {
    const names = subcommands.map((d) => d.name).join(', ');
    const message =
      subcommand === undefined || subcommand === ''
        ? t(locale, 'error.subcommand.missing', { command: definition.name, subcommands: names, example: `/${definition.name} ${subcommands[0]!.name}` })
        : t(locale, 'error.subcommand.unknown', { command: definition.name, subcommand: String(subcommand), subcommands: names });
    return { ok: false, reply: errorReply(definition.name, locale, subcommand === undefined || subcommand === '' ? 'missing_option' : 'unknown_option', message) };
  }
  const parsed = parseFlat(`${definition.name} ${chosen.name}`, chosen, rest, locale);
  if (!parsed.ok) return { ok: false, reply: { ...parsed.reply, command: definition.name } };
  return { ok: true, options: { subcommand: chosen.name, ...parsed.options } as OptionsOf<D> };
}

function parseFlat(
  label: string,
  owner: { readonly options?: readonly OptionDef[] },
  raw: Record<string, string | number | boolean>,
  locale: Locale,
): { ok: true; options: Record<string, unknown> } | { ok: false; reply: Reply } {
  const defs = owner.options ?? [];
  const fail = (code: 'bad_option' | 'unknown_option' | 'missing_option', message: string) => ({ ok: false as const, reply: errorReply(label, locale, code, message) });
  for (const name of Object.keys(raw)) {
    if (!defs.some((d) => d.name === name)) {
      return fail('unknown_option', t(locale, 'error.unknown.option', { option: name, command: label, options: defs.map((d) => d.name).join(', ') || '—' }));
    }
  }
  for (const def of defs) {
    if (def.required && raw[def.name] === undefined) {
      return fail('missing_option', t(locale, 'error.missing', { option: def.name, example: `/${label} ${def.name}:…` }));
    }
  }
  const parsed = optionsSchema(owner, defs, locale).safeParse(raw);
  if (!parsed.success) return fail('bad_option', parsed.error.issues[0]!.message);
  return { ok: true, options: parsed.data as Record<string, unknown> };
}

// Built once per command (or subcommand) and locale: building a zod schema costs more than a search.
const schemas = new WeakMap<object, Map<Locale, z.ZodType>>();

// A file: a Discord attachment's id, or a path in the console. Not a search term: kept as typed.
const FILE_MAX = 4096;

function optionsSchema(owner: object, defs: readonly OptionDef[], locale: Locale): z.ZodType {
  const byLocale = schemas.get(owner) ?? new Map<Locale, z.ZodType>();
  schemas.set(owner, byLocale);
  const known = byLocale.get(locale);
  if (known) return known;
  const shape: Record<string, z.ZodType> = {};
  for (const def of defs) {
    const max = def.max_length ?? 100;
    let schema: z.ZodType = z
      .string()
      .transform(cleanValue)
      .pipe(
        z
          .string()
          .min(1, t(locale, 'error.empty', { option: def.name }))
          .max(max, t(locale, 'error.too.long', { option: def.name, max })),
      );
    if (def.type === ApplicationCommandOptionType.Integer) schema = z.coerce.number().int();
    if (def.type === ApplicationCommandOptionType.Boolean) schema = z.coerce.boolean();
    if (def.type === ApplicationCommandOptionType.Attachment) {
      schema = z
        .string()
        .trim()
        .min(1, t(locale, 'error.empty', { option: def.name }))
        .max(FILE_MAX, t(locale, 'error.too.long', { option: def.name, max: FILE_MAX }));
    }
    shape[def.name] = def.required ? schema : schema.optional();
  }
  const schema = z.object(shape);
  byLocale.set(locale, schema);
  return schema;
}
