/**
 * How the bot talks to Discord's REST API: every request is bounded in time and every rate limit
 * is logged with its route and wait (the URL's interaction token cut out).
 *
 * A request Discord never answers is abandoned after DISCORD_REQUEST_TIMEOUT_SECONDS and tried
 * once more (discord.js would otherwise wait 15 s four times). The first answer to an
 * interaction is bounded tighter, 1.25 s a try: both tries must fit in the 3 s Discord allows,
 * and a third would only be refused.
 */
import { DefaultRestOptions, type RESTOptions, type RateLimitData } from 'discord.js';
import type { Logger } from '../log.ts';
import { redactUrl } from '../log.ts';

export const CALLBACK_TIMEOUT_MS = 1250;

/** Discord did not answer a request in time (after the retry, the error the handler sees). */
export class DiscordTimeout extends Error {
  // The name discord.js retries on, so the first timeout of a request is tried again.
  override readonly name = 'AbortError';
  readonly discordTimeout = true;
  constructor(
    readonly method: string,
    readonly route: string,
    readonly afterMs: number,
  ) {
    super(`Discord did not answer ${method} ${route} within ${afterMs / 1000} s`);
  }
}

export function isDiscordTimeout(error: unknown): error is DiscordTimeout {
  return error instanceof Error && (error as Partial<DiscordTimeout>).discordTimeout === true;
}

export function isInteractionCallback(url: string): boolean {
  return /\/interactions\/\d+\/[^/]+\/callback(?:\?|$)/.test(url);
}

export interface RestHooks {
  logger: Logger;
  timeoutMs: number;
  /** Told of every rate-limit wait, with the request's URL. */
  onRateLimited?: (url: string, waitMs: number) => void;
}

export function restOptions(api: string | undefined, hooks: RestHooks): Partial<RESTOptions> {
  const { logger, timeoutMs } = hooks;
  const base = DefaultRestOptions.makeRequest;
  return {
    ...(api ? { api } : {}),
    retries: 1,
    // A backstop only: the bound below is the one that applies.
    timeout: timeoutMs + 1000,
    async makeRequest(url, init) {
      const limit = isInteractionCallback(url) ? Math.min(CALLBACK_TIMEOUT_MS, timeoutMs) : timeoutMs;
      const method = (init.method ?? 'GET').toUpperCase();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        logger.warn({ method, url: redactUrl(url), afterMs: limit }, 'Discord did not answer in time');
        controller.abort();
      }, limit);
      const signal = init.signal ? AbortSignal.any([init.signal as AbortSignal, controller.signal]) : controller.signal;
      try {
        return await base(url, { ...init, signal });
      } catch (error) {
        if (timedOut) throw new DiscordTimeout(method, redactUrl(new URL(url).pathname), limit);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    // Called on every 429 and before every wait for a bucket to reset; it only logs (false:
    // wait, as discord.js does).
    rejectOnRateLimit(data: RateLimitData) {
      const waitMs = Math.round(Math.max(data.retryAfter, data.sublimitTimeout, 0));
      logger.warn({ method: data.method.toUpperCase(), route: data.route, url: redactUrl(data.url), waitMs, global: data.global, scope: data.scope }, 'rate limited');
      hooks.onRateLimited?.(data.url, waitMs);
      return false;
    },
  };
}
