/**
 * What a command module is: its definition as data — the very object registered with Discord —
 * and a function from validated options to a reply. The handler's option types are derived from
 * the definition, so the two cannot drift apart; the zod schema that checks options at the edge
 * (console line or Discord interaction) is derived from it too.
 */
import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { z } from 'zod';
import type { ReloadOutcome } from '../src/corpus/live.ts';
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

type OptionDef = { readonly name: string; readonly type: ApplicationCommandOptionType; readonly required?: boolean };
type ValueOf<T> = T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
  ? number
  : T extends ApplicationCommandOptionType.Boolean
    ? boolean
    : string;
type OptionDefsOf<D> = D extends { readonly options: readonly (infer O extends OptionDef)[] } ? O : never;

/** `{ query: string }` from `options: [{ name: 'query', type: String, required: true }]`. */
export type OptionsOf<D> = {
  [O in OptionDefsOf<D> as O extends { required: true } ? O['name'] : never]: ValueOf<O['type']>;
} & {
  [O in OptionDefsOf<D> as O extends { required: true } ? never : O['name']]?: ValueOf<O['type']>;
};

export interface CommandContext {
  index: SearchIndex;
  locale: Locale;
  /** Re-reads the corpus; present where the user may reload. */
  reload?: () => Promise<ReloadOutcome>;
  /** Every command, for /help. */
  commands: readonly Command[];
}

export interface Command<D extends CommandDefinition = CommandDefinition> {
  definition: D;
  /** Examples for /help, as typed in the console. */
  examples: readonly string[];
  /** Moderator-only: registered in the admin guild alone. */
  moderatorOnly?: boolean;
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
 * empty and over-long values are refused with a message saying which option and why.
 */
export function parseOptions<D extends CommandDefinition>(
  definition: D,
  raw: Record<string, string | number | boolean>,
  locale: Locale,
): { ok: true; options: OptionsOf<D> } | { ok: false; reply: Reply } {
  const defs = (definition.options ?? []) as readonly (OptionDef & { max_length?: number })[];
  const fail = (code: 'bad_option' | 'unknown_option' | 'missing_option', message: string) => ({ ok: false as const, reply: errorReply(definition.name, locale, code, message) });
  for (const name of Object.keys(raw)) {
    if (!defs.some((d) => d.name === name)) {
      return fail('unknown_option', t(locale, 'error.unknown.option', { option: name, command: definition.name, options: defs.map((d) => d.name).join(', ') || '—' }));
    }
  }
  for (const def of defs) {
    if (def.required && raw[def.name] === undefined) {
      return fail('missing_option', t(locale, 'error.missing', { option: def.name, example: `/${definition.name} ${def.name}:…` }));
    }
  }
  const parsed = optionsSchema(definition, defs, locale).safeParse(raw);
  if (!parsed.success) return fail('bad_option', parsed.error.issues[0]!.message);
  return { ok: true, options: parsed.data as OptionsOf<D> };
}

// Built once per command and locale: building a zod schema costs more than a search.
const schemas = new WeakMap<CommandDefinition, Map<Locale, z.ZodType>>();

function optionsSchema(definition: CommandDefinition, defs: readonly (OptionDef & { max_length?: number })[], locale: Locale): z.ZodType {
  const byLocale = schemas.get(definition) ?? new Map<Locale, z.ZodType>();
  schemas.set(definition, byLocale);
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
    shape[def.name] = def.required ? schema : schema.optional();
  }
  const schema = z.object(shape);
  byLocale.set(locale, schema);
  return schema;
}
