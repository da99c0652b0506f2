#!/usr/bin/env node
/**
 * How `npm start`, `npm run start:sharded`, `npm run deploy-commands` and `npm run inspect` run
 * the built JavaScript: `node scripts/launch.mjs main|sharded|deploy|inspect [args…]`.
 *
 * In the same process, before the program is loaded, it checks that dist/ is as new as the
 * sources (a few milliseconds: see build.mjs) and builds only when it is not, so a start with
 * nothing changed builds nothing and an edit is never run stale. Doing this here rather than in
 * an npm `pre` script saves a shell and a second Node start on every `npm start`.
 *
 * Without esbuild installed (a production install) nothing can be built: dist/ runs as it was
 * built, with a warning if the sources look newer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, build, canBuild, isStale } from './build.mjs';

const PROGRAMS = ['main', 'sharded', 'deploy', 'inspect'];
const name = process.argv[2];
if (!PROGRAMS.includes(name)) {
  process.stderr.write(`usage: node scripts/launch.mjs ${PROGRAMS.join('|')} [args…]\n`);
  process.exit(2);
}
const entry = join(ROOT, 'dist', 'src', `${name}.js`);

if (isStale()) {
  if (canBuild()) {
    // On stderr, so that `npm start -- --json` still prints nothing but JSON on stdout.
    process.stderr.write('dist/ is missing or older than the sources: building it…\n');
    try {
      await build();
    } catch (error) {
      process.stderr.write(`The build failed, so the program was not started; fix this and start again:\n${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  } else if (existsSync(entry)) {
    process.stderr.write('warning: the sources look newer than dist/, and esbuild is not installed to build them again: running dist/ as built.\n');
  } else {
    process.stderr.write(`${entry} is not built, and esbuild is not installed to build it: build where the dev dependencies are installed (see README, "Production").\n`);
    process.exit(1);
  }
}

// The program sees the same arguments as when run as `node dist/src/<name>.js …`.
process.argv.splice(1, 2, entry);
await import(pathToFileURL(entry).href);
