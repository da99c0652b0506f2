/**
 * The logger: one JSON line per event; pretty lines when a person runs the bot in a terminal.
 * Secrets never reach it: the bot token is redacted wherever it appears in a logged object, and
 * interaction tokens (valid 15 minutes, enough to answer as the bot) are cut out of every URL an
 * error carries — a failed request's error holds the URL it called.
 */
import type { EventEmitter } from 'node:events';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

const INTERACTION_TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"']+/g;

/** The text with every interaction or webhook token in a URL replaced by `:token`. */
export function redactUrl(text: string): string {
  return text.replace(INTERACTION_TOKEN_IN_URL, '$1:token');
}

function redactStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactStrings(v, depth + 1);
  return out;
}

const serializers = { err: (error: unknown) => redactStrings(pino.stdSerializers.err(error as Error)) };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    serializers,
    redact: { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  // Written synchronously: the last lines before an exit must not be lost.
  if (process.stdout.isTTY) return pino(options, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', sync: true }));
  return pino(options);
}

/**
 * pino's own stream when a write to it is still on its way. JSON lines go to stdout through an
 * asynchronous SonicBoom, whose flush() returns at once when it buffers nothing (minLength 0),
 * even while its last write waits in libuv's thread pool; at exit, pino writes what was logged
 * since synchronously, ahead of that write (on a loaded machine the shutdown's last lines came
 * out of order, or could be lost). SonicBoom says so only in a field of its own, `_writing`, and
 * emits 'drain' when all is written.
 */
function writeInFlight(logger: Logger): EventEmitter | null {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as (EventEmitter & { _writing?: unknown }) | undefined;
  return stream && stream._writing === true && typeof stream.once === 'function' ? stream : null;
}

/** Waits (at most `timeoutMs`) until every line logged so far is written out. */
export function flushLogs(logger: Logger, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      logger.flush(() => {
        const stream = writeInFlight(logger);
        if (stream) stream.once('drain', done);
        else done();
      });
    } catch {
      done();
    }
  });
}
