/**
 * `npm start`: live on Discord when DISCORD_TOKEN is set (in the environment or .env), else the
 * local console. The console never loads discord.js, so it starts fast.
 */
import { loadCommands } from '../commands/index.ts';
import { parseCli } from './cli/args.ts';
import { runConsole } from './console/console.ts';
import { formatProblem } from './corpus/load.ts';
import { LiveCorpus } from './corpus/live.ts';
import { CorpusManager } from './corpus/manage.ts';
import { envSchema, loadDotEnv, snapshotDirOf } from './config.ts';

const options = parseCli(process.argv.slice(2), 'usage: npm start -- [--corpus DIR] [--json] [--yes]');
loadDotEnv();

if (process.env.DISCORD_TOKEN) {
  const { startBot } = await import('./discord/bot.ts');
  await startBot(process.argv.includes('--corpus') ? options.corpus : undefined);
} else {
  // The console's /reload is bounded like the bot's; the rest of the configuration is Discord's.
  const timeout = envSchema.shape.CORPUS_RELOAD_TIMEOUT_SECONDS.safeParse(process.env.CORPUS_RELOAD_TIMEOUT_SECONDS);
  if (!timeout.success) {
    process.stderr.write(`CORPUS_RELOAD_TIMEOUT_SECONDS: ${timeout.error.issues[0]!.message}\n`);
    process.exit(1);
  }
  const snapshotDir = snapshotDirOf(envSchema.shape.SNAPSHOT_DIR.parse(process.env.SNAPSHOT_DIR));
  const [live, commands] = await Promise.all([LiveCorpus.open(options.corpus, { reloadTimeoutMs: timeout.data * 1000, snapshotDir }), loadCommands()]);
  if (Array.isArray(live)) {
    process.stderr.write(`The corpus in ${options.corpus} cannot be loaded:\n${live.map((e) => `  ${formatProblem(e)}`).join('\n')}\n`);
    process.exit(1);
  }
  const interactive = Boolean(process.stdin.isTTY);
  // The operator answers a change's question at once; it waits a day.
  const manager = new CorpusManager(live, options.corpus, { reload: () => live.reload(), confirmTtlMs: 24 * 3600 * 1000 });
  await runConsole(
    {
      live,
      commands,
      manager,
      yes: options.yes,
      json: options.json,
      color: interactive && Boolean(process.stdout.isTTY),
      onError: (error, ref) => process.stderr.write(`[${ref}] ${error instanceof Error ? error.stack : String(error)}\n`),
    },
    { input: process.stdin, output: process.stdout, errors: process.stderr, interactive },
  );
}
