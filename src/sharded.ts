/**
 * `npm run start:sharded`: discord.js's ShardingManager runs the bot in one process per shard,
 * each loading the same corpus and answering the guilds Discord routes to it. Discord requires
 * sharding from 2,500 servers per connection. The shard count comes from SHARD_COUNT, or from
 * Discord (GET /gateway/bot) when it is auto. /reload in the admin guild reaches every shard.
 * SIGINT or SIGTERM asks every shard to shut down as `npm start` does (finish what is in flight,
 * within SHUTDOWN_GRACE_SECONDS) and waits for them; a shard still running well after that is
 * killed. A second signal kills them all at once.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { ShardingManager, type Shard } from 'discord.js';
import { loadDotEnv, readConfig } from './config.ts';
import { SHUTDOWN_MESSAGE, exitOnSignals } from './discord/shutdown.ts';
import { createLogger } from './log.ts';

loadDotEnv();
const read = readConfig();
if (!read.ok) {
  process.stderr.write(`The bot cannot start; fix these in .env or the environment (see .env.example):\n${read.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
const config = read.config;
const logger = createLogger(config.LOG_LEVEL);

async function shardCount(): Promise<number> {
  if (config.SHARD_COUNT !== 'auto') return config.SHARD_COUNT;
  // Asked here rather than by the manager, so that DISCORD_API_URL is honoured.
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

// The same entry point as `npm start`: run as TypeScript or built, whichever this file is.
const entry = new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url).pathname;
const totalShards = await shardCount();
const manager = new ShardingManager(entry, { token: config.DISCORD_TOKEN, totalShards, mode: 'process', respawn: true, execArgv: process.execArgv });
manager.on('shardCreate', (shard) => {
  shard.on('spawn', (child) => logger.info({ shard: shard.id, pid: 'pid' in child ? child.pid : null }, 'shard spawned'));
  shard.on('death', () => logger.warn({ shard: shard.id }, 'shard died'));
});

// What a shard may take beyond its grace period: the last words to unfinished interactions (5 s),
// disconnecting and flushing its logs.
const SHARD_EXIT_MARGIN_MS = 15_000;

/** Asks one shard to shut down and waits for its process to exit; kills it if it will not. */
async function stopShard(shard: Shard, waitMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  shard.send(SHUTDOWN_MESSAGE).catch(() => child.kill('SIGTERM'));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  if ((await Promise.race([exited, late])) === 'late') {
    logger.warn({ shard: shard.id, waitedMs: waitMs }, 'shard did not stop in time: killed');
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

exitOnSignals(
  logger,
  async (signal) => {
    logger.info({ signal, shards: manager.shards.size }, 'stopping every shard');
    manager.respawn = false;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard, config.SHUTDOWN_GRACE_SECONDS * 1000 + SHARD_EXIT_MARGIN_MS)));
    logger.info('every shard stopped');
    return 0;
  },
  () => {
    for (const shard of manager.shards.values()) shard.process?.kill('SIGKILL');
  },
);

logger.info({ totalShards }, 'spawning shards');
try {
  await manager.spawn({ timeout: 60_000 });
  logger.info({ totalShards }, 'every shard is ready');
} catch (error) {
  logger.error({ err: error }, 'a shard failed to start');
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(1);
}
