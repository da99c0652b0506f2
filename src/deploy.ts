/**
 * `npm run deploy-commands`: registers the commands by bulk overwrite, never at start-up (Discord
 * limits command creations per day). To DISCORD_GUILD_ID when set (instant, for development),
 * else globally; /reload only to DISCORD_ADMIN_GUILD_ID.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTGetCurrentApplicationResult } from 'discord-api-types/v10';
import { toBody } from '../commands/define.ts';
import { loadCommands } from '../commands/index.ts';
import { loadDotEnv, readConfig, type BotConfig } from './config.ts';

export interface Deployment {
  route: string;
  commands: string[];
}

export async function deployCommands(config: BotConfig): Promise<Deployment[]> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  const commands = await loadCommands();
  // The console's own commands (/context) are not registered.
  const registered = commands.filter((c) => !c.consoleOnly);
  const everyone = registered.filter((c) => !c.moderatorOnly).map((c) => toBody(c.definition));
  const moderators = registered.filter((c) => c.moderatorOnly).map((c) => toBody(c.definition));

  const plan: { route: `/${string}`; body: typeof everyone }[] = [];
  const publicRoute = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(applicationId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(applicationId);
  if (config.DISCORD_ADMIN_GUILD_ID && config.DISCORD_ADMIN_GUILD_ID === config.DISCORD_GUILD_ID) {
    // One guild for both: a bulk overwrite replaces everything, so send one list.
    plan.push({ route: publicRoute, body: [...everyone, ...moderators] });
  } else {
    plan.push({ route: publicRoute, body: everyone });
    if (config.DISCORD_ADMIN_GUILD_ID) plan.push({ route: Routes.applicationGuildCommands(applicationId, config.DISCORD_ADMIN_GUILD_ID), body: moderators });
  }
  const done: Deployment[] = [];
  for (const { route, body } of plan) {
    await rest.put(route, { body });
    done.push({ route, commands: body.map((c) => c.name) });
  }
  return done;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadDotEnv();
  const read = readConfig();
  if (!read.ok) {
    process.stderr.write(`Cannot deploy the commands; fix these in .env or the environment (see .env.example):\n${read.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  try {
    for (const d of await deployCommands(read.config)) process.stdout.write(`registered ${d.commands.map((c) => `/${c}`).join(' ')} at ${d.route}\n`);
    if (!read.config.DISCORD_ADMIN_GUILD_ID) process.stdout.write('DISCORD_ADMIN_GUILD_ID is not set: /reload was not registered anywhere.\n');
  } catch (error) {
    process.stderr.write(`Deploying the commands failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
