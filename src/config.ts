/**
 * Configuration from the environment and .env, validated with zod at start. A missing or
 * malformed value stops the bot with a message naming the variable and how to fix it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { config as readDotEnv } from 'dotenv';
import { z } from 'zod';
import { DEFAULT_CORPUS, PROJECT_ROOT } from './paths.ts';

/** Where snapshots of the corpus are kept unless SNAPSHOT_DIR says otherwise (`off`: none). */
export const DEFAULT_SNAPSHOTS = join(PROJECT_ROOT, '.cache', 'snapshots');

/** The snapshot folder SNAPSHOT_DIR names, or undefined for `off`. */
export function snapshotDirOf(value: string): string | undefined {
  return value.trim().toLowerCase() === 'off' ? undefined : value;
}

/** Reads .env from the project root when there is one; the environment wins over it. */
export function loadDotEnv(): void {
  const path = join(PROJECT_ROOT, '.env');
  if (existsSync(path)) readDotEnv({ path, quiet: true });
}

const snowflake = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{17,20}$/, `${name} must be a Discord id (17-20 digits): in Discord, turn on Developer Mode, right-click the server or application and Copy ID`);

/** Where Discord serves attachments: the only host /corpus add downloads from. */
export const DISCORD_CDN = 'https://cdn.discordapp.com';

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const envSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'DISCORD_TOKEN is missing: copy the bot token from the Developer Portal (Bot > Reset Token) into .env' })
    .trim()
    .regex(/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/, 'DISCORD_TOKEN does not look like a bot token (three parts separated by dots): copy it again from the Developer Portal (Bot > Reset Token)'),
  DISCORD_APPLICATION_ID: z.preprocess(blankAsUndefined, snowflake('DISCORD_APPLICATION_ID').optional()),
  DISCORD_GUILD_ID: z.preprocess(blankAsUndefined, snowflake('DISCORD_GUILD_ID').optional()),
  DISCORD_ADMIN_GUILD_ID: z.preprocess(blankAsUndefined, snowflake('DISCORD_ADMIN_GUILD_ID').optional()),
  DISCORD_API_URL: z.preprocess(blankAsUndefined, z.url({ error: 'DISCORD_API_URL must be a URL such as https://discord.com/api (leave it unset for Discord itself)' }).optional()),
  DISCORD_CDN_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({ error: 'DISCORD_CDN_URL must be a URL such as https://cdn.discordapp.com (leave it unset for Discord itself)' })
      .default(DISCORD_CDN)
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'DISCORD_CDN_URL must be an http or https URL'),
  ),
  CORPUS_DIR: z.preprocess(blankAsUndefined, z.string().default(DEFAULT_CORPUS)),
  SNAPSHOT_DIR: z.preprocess(blankAsUndefined, z.string().default(DEFAULT_SNAPSHOTS)),
  CORPUS_CONFIRM_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'CORPUS_CONFIRM_SECONDS must be a number of seconds, e.g. 600' })
      .min(1, 'CORPUS_CONFIRM_SECONDS must be at least 1')
      .max(840, 'CORPUS_CONFIRM_SECONDS must stay under the 15 minutes of an interaction: the bot disables the buttons when they expire')
      .default(600),
  ),
  COOLDOWN_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'COOLDOWN_SECONDS must be a number of seconds, e.g. 2 (0 turns the cooldown off)' })
      .min(0, 'COOLDOWN_SECONDS must be 0 or more')
      .max(3600, 'COOLDOWN_SECONDS must be at most 3600')
      .default(2),
  ),
  CORPUS_RELOAD_TIMEOUT_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'CORPUS_RELOAD_TIMEOUT_SECONDS must be a number of seconds, e.g. 60' })
      .min(1, 'CORPUS_RELOAD_TIMEOUT_SECONDS must be at least 1')
      .max(840, 'CORPUS_RELOAD_TIMEOUT_SECONDS must stay under the 15 minutes of an interaction')
      .default(60),
  ),
  SHARD_COUNT: z.preprocess(
    blankAsUndefined,
    z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { error: 'SHARD_COUNT must be "auto" or a whole number of shards, e.g. 2' }).default('auto'),
  ),
  SHARD_RELOAD_TIMEOUT_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'SHARD_RELOAD_TIMEOUT_SECONDS must be a number of seconds, e.g. 60' })
      .min(1)
      .max(840, 'SHARD_RELOAD_TIMEOUT_SECONDS must stay under the 15 minutes of an interaction')
      .default(60),
  ),
  DISCORD_REQUEST_TIMEOUT_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'DISCORD_REQUEST_TIMEOUT_SECONDS must be a number of seconds, e.g. 10' })
      .min(0.5, 'DISCORD_REQUEST_TIMEOUT_SECONDS must be at least 0.5')
      .max(120, 'DISCORD_REQUEST_TIMEOUT_SECONDS must be at most 120: an answer must reach Discord within its 15 minutes')
      .default(10),
  ),
  SHUTDOWN_GRACE_SECONDS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'SHUTDOWN_GRACE_SECONDS must be a number of seconds, e.g. 20' })
      .min(0, 'SHUTDOWN_GRACE_SECONDS must be 0 or more')
      .max(600, 'SHUTDOWN_GRACE_SECONDS must be at most 600, well inside the 15 minutes of an interaction')
      .default(20),
  ),
  LOG_LEVEL: z.preprocess(
    blankAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ),
});

export type BotConfig = z.infer<typeof envSchema>;

/** The configuration, or the messages saying what to fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): { ok: true; config: BotConfig } | { ok: false; problems: string[] } {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`) };
}
