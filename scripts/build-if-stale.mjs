#!/usr/bin/env node
// Before `npm start`: compile the TypeScript only when a source is newer than the last build, so a
// start with nothing changed compiles nothing (the build also runs at `npm ci`, through `prepare`)
// and a user who edits a source file still runs their change. Plain JavaScript: it must start fast.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist', 'src', 'main.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(...['src', 'commands', 'scripts'].map((d) => newest(join(root, d))), statSync(join(root, 'tsconfig.build.json')).mtimeMs);
if (sources > built) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
