/**
 * `npm run start:sharded`: discord.js's ShardingManager runs the bot in one process per shard,
 * each loading the same corpus and answering the guilds Discord routes to it. Discord requires
 * sharding from 2,500 servers per connection. The shard count comes from SHARD_COUNT, or from
 * Discord (GET /gateway/bot) when it is auto. /reload in the admin guild reaches every shard.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { ShardingManager } from 'discord.js';
import { loadDotEnv, readConfig } from './config.ts';
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

const shutdown = (signal: string) => {
  logger.info({ signal }, 'stopping every shard');
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(0);
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));

logger.info({ totalShards }, 'spawning shards');
try {
  await manager.spawn({ timeout: 60_000 });
  logger.info({ totalShards }, 'every shard is ready');
} catch (error) {
  logger.error({ err: error }, 'a shard failed to start');
  for (const shard of manager.shards.values()) shard.kill();
  process.exit(1);
}
