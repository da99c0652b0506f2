#!/usr/bin/env node
/**
 * The build: the TypeScript of src/ and commands/ compiled into dist/, and a stamp saying what it
 * was built from. Plain JavaScript, so that `npm start` can ask "is dist/ current?" without a
 * compiler loaded and in a few milliseconds.
 *
 * Staleness: the stamp holds the newest modification time among the sources (every .ts file and
 * every folder under src/ and commands/, the tsconfig files and this file), taken before the
 * compiler ran. dist/ is stale when anything is newer than that: an edited file, or a folder that
 * gained, lost or renamed a file (a copied file keeps its old time; its folder does not). Reading
 * the times takes a few milliseconds; no file is read.
 *
 * Usage: node scripts/build.mjs [--if-compiler]
 *   --if-compiler  without TypeScript installed (a production install, `npm ci --omit=dev`),
 *                  say so and build nothing instead of failing; `prepare` runs it this way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'commands'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];
const STAMP = join('dist', '.built-from');

/** The newest modification time (ms) of the .ts files and folders under dir, dir included. */
function newestUnder(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time of anything the build reads. */
export function sourcesTime(root = ROOT) {
  return Math.max(...SOURCE_DIRS.map((d) => newestUnder(join(root, d))), ...SOURCE_FILES.map((f) => statSync(join(root, f)).mtimeMs));
}

/** What dist/ was built from: the sources' time recorded by the last build, or null when there is none. */
export function builtFrom(root = ROOT) {
  try {
    const time = Number(readFileSync(join(root, STAMP), 'utf8'));
    return Number.isFinite(time) ? time : null;
  } catch {
    return null;
  }
}

/** True when dist/ is missing or older than a source. */
export function isStale(root = ROOT) {
  const built = builtFrom(root);
  return built === null || sourcesTime(root) > built;
}

/** The TypeScript compiler's entry script, or null when TypeScript is not installed. */
export function compiler(root = ROOT) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return existsSync(tsc) ? tsc : null;
}

/**
 * Compiles src/ and commands/ into a clean dist/ (so a deleted command is gone from it too) and
 * writes the stamp. The sources' time is read before compiling: a file saved during the build
 * makes the next start build again.
 */
export function build(root = ROOT, { stdio = 'inherit' } = {}) {
  const tsc = compiler(root);
  if (!tsc) throw new Error('TypeScript is not installed (npm ci --omit=dev leaves it out): run `npm ci` to build.');
  const time = sourcesTime(root);
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio });
  writeFileSync(join(root, STAMP), `${time}\n`);
}

if (import.meta.filename === process.argv[1]) {
  if (process.argv.includes('--if-compiler') && !compiler()) {
    process.stderr.write(
      existsSync(join(ROOT, 'dist', 'src', 'main.js'))
        ? 'TypeScript is not installed (a production install): dist/ is used as it was built.\n'
        : 'TypeScript is not installed (a production install) and dist/ is not built: build it where the dev dependencies are installed (see README, "Production").\n',
    );
  } else {
    build();
  }
}
