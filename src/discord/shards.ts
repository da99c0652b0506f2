/**
 * /reload across shards. Under the sharding manager every shard is a process of its own with its
 * own corpus; the shard that got /reload asks each one through the manager (broadcastEval) and
 * reports each outcome. A shard that does not answer in SHARD_RELOAD_TIMEOUT_SECONDS, or whose
 * reload fails, is named and keeps answering from its old index.
 */
import type { Client } from 'discord.js';
import type { BotConfig } from '../config.ts';
import { formatProblem } from '../corpus/load.ts';
import type { LiveCorpus, ReloadOutcome, ShardReload } from '../corpus/live.ts';
import type { Logger } from '../log.ts';

/** The client, with the hook through which any shard can reload this one. */
type SummitClient = Client & { summitReload?: () => Promise<ReloadOutcome> };

/** Lets another shard's /reload reach this process's corpus. */
export function exposeReload(client: Client, live: LiveCorpus): void {
  (client as SummitClient).summitReload = () => live.reload();
}

/** Reloads this process's corpus, or, when sharded, every shard's, each reported on its own. */
export async function reloadEverywhere(client: Client, live: LiveCorpus, config: BotConfig, logger: Logger): Promise<ReloadOutcome> {
  const shard = client.shard;
  if (!shard) return live.reload();
  const timeoutMs = config.SHARD_RELOAD_TIMEOUT_SECONDS * 1000;
  const ids = [...Array(shard.count).keys()];
  const settled = await Promise.allSettled(
    ids.map((id) =>
      withTimeout(
        shard.broadcastEval((c) => (c as SummitClient).summitReload!(), { shard: id }) as Promise<ReloadOutcome>,
        timeoutMs,
        `did not answer within ${config.SHARD_RELOAD_TIMEOUT_SECONDS} s`,
      ),
    ),
  );
  const shards: ShardReload[] = settled.map((r, id) => {
    if (r.status === 'rejected') return { shard: id, ok: false, detail: r.reason instanceof Error ? r.reason.message : String(r.reason) };
    const o = r.value;
    if (o.ok) return { shard: id, ok: true, detail: `${o.counts.passages} passages` };
    if (o.reason === 'running') return { shard: id, ok: false, detail: 'a reload is already running' };
    if (o.reason === 'timeout') return { shard: id, ok: false, detail: `did not finish within ${o.seconds} s and was abandoned` };
    return { shard: id, ok: false, detail: o.errors.map(formatProblem).join('; ') };
  });
  const outcomes = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const best = outcomes.find((o) => o.ok) ?? outcomes.find((o) => !o.ok && o.reason === 'broken') ?? outcomes[0];
  logger.info({ shards }, 'reload on every shard');
  return { ...(best ?? { ok: false, reason: 'broken', errors: [{ file: '(shards)', message: 'no shard answered' }] }), shards };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
