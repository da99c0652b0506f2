/**
 * `npm run deploy-commands`: registers the commands by bulk overwrite, never at start-up (Discord
 * limits command creations per day). To DISCORD_GUILD_ID when set (instant, for development),
 * else globally, with the "Find in the summit reports" message menu; /reload and /corpus only to
 * DISCORD_ADMIN_GUILD_ID. The console's own commands (/context) are not registered.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTGetCurrentApplicationResult, type RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { toBody } from '../commands/define.ts';
import { loadCommands } from '../commands/index.ts';
import { loadDotEnv, readConfig, type BotConfig } from './config.ts';
import { FIND_IN_REPORTS } from './discord/find.ts';

export interface Deployment {
  route: string;
  commands: string[];
}

export async function deployCommands(config: BotConfig): Promise<Deployment[]> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  const commands = await loadCommands();
  const registered = commands.filter((c) => !c.consoleOnly);
  const everyone: RESTPostAPIApplicationCommandsJSONBody[] = [...registered.filter((c) => !c.moderatorOnly).map((c) => toBody(c.definition)), FIND_IN_REPORTS];
  const moderators = registered.filter((c) => c.moderatorOnly).map((c) => toBody(c.definition));

  const plan: { route: `/${string}`; body: RESTPostAPIApplicationCommandsJSONBody[] }[] = [];
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
    // A slash command is /name; a menu is its name as Discord shows it.
    done.push({ route, commands: body.map((c) => (c.type === undefined || c.type === 1 ? `/${c.name}` : `"${c.name}"`)) });
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
    for (const d of await deployCommands(read.config)) process.stdout.write(`registered ${d.commands.join(' ')} at ${d.route}\n`);
    if (!read.config.DISCORD_ADMIN_GUILD_ID) process.stdout.write('DISCORD_ADMIN_GUILD_ID is not set: /reload was not registered anywhere.\n');
  } catch (error) {
    process.stderr.write(`Deploying the commands failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
