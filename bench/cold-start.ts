/**
 * Cold start as a user meets it: `printf '/ask query:量子\n' | npm start --silent`, without
 * DISCORD_TOKEN, timed from the spawn to the first answer on stdout, against `npm run env
 * --silent` run to its end (npm's own start and a script that does nothing). The two are
 * interleaved, several times, and each is the median: the machines this runs on are shared.
 * dist/ is built first, as `npm ci` leaves it, so the start measured builds nothing.
 *
 * Usage: npm run bench:start [-- --runs 9]   (npm run bench runs it too)
 */
import { execFileSync, spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/paths.ts';

export const COLD_START_TARGET_MS = 500;

export interface ColdStart {
  runs: number;
  /** Median ms from spawning `npm start --silent` to the first answer on its stdout. */
  npmStartFirstAnswerMs: number;
  /** Median ms from spawning `npm run env --silent` to its exit. */
  npmRunEnvMs: number;
  differenceMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Runs npm with args (and `extraEnv`), without DISCORD_TOKEN; resolves with the ms to the first
 * stdout (or to the exit), that output and the exit code.
 */
export function timeNpm(args: string[], input: string, until: 'first-output' | 'exit', extraEnv: NodeJS.ProcessEnv = {}): Promise<{ ms: number; stdout: string; code: number | null }> {
  return new Promise((done, fail) => {
    const env = { ...process.env, ...extraEnv };
    delete env.DISCORD_TOKEN;
    const start = performance.now();
    const child = spawn('npm', args, { cwd: PROJECT_ROOT, env });
    let first = 0;
    let stdout = '';
    child.stdout.on('data', (d) => {
      if (!first) first = performance.now() - start;
      stdout += d;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ ms: until === 'first-output' && first ? first : performance.now() - start, stdout, code }));
    child.stdin.end(input);
  });
}

export async function measureColdStart(runs = 9): Promise<ColdStart> {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const npmEnv: number[] = [];
  const npmStart: number[] = [];
  for (let i = 0; i < runs; i++) {
    npmEnv.push((await timeNpm(['run', 'env', '--silent'], '', 'exit')).ms);
    const started = await timeNpm(['start', '--silent'], '/ask query:量子\n', 'first-output');
    if (!started.stdout.includes('量子')) throw new Error(`npm start did not answer /ask query:量子:\n${started.stdout}`);
    npmStart.push(started.ms);
  }
  const npmStartFirstAnswerMs = Math.round(median(npmStart));
  const npmRunEnvMs = Math.round(median(npmEnv));
  return { runs, npmStartFirstAnswerMs, npmRunEnvMs, differenceMs: npmStartFirstAnswerMs - npmRunEnvMs };
}

export function describeColdStart(c: ColdStart): string {
  const met = c.differenceMs <= COLD_START_TARGET_MS ? 'met' : 'missed';
  return `Cold start, \`npm start\` to its first answer: ${c.npmStartFirstAnswerMs} ms; \`npm run env\` (npm alone): ${c.npmRunEnvMs} ms; difference ${c.differenceMs} ms (target ≤ ${COLD_START_TARGET_MS} ms: ${met}; medians of ${c.runs} interleaved runs).`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
  process.stdout.write(`${describeColdStart(await measureColdStart(Number(values.runs)))}\n`);
}
