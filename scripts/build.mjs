#!/usr/bin/env node
/**
 * The build: src/ and commands/ bundled by esbuild into dist/, and a stamp saying what it was
 * built from. Plain JavaScript, so that `npm start` can ask "is dist/ current?" in a few
 * milliseconds, with nothing but Node's own modules loaded.
 *
 * Why a bundle: before its first answer the console waited mostly on Node loading modules, about
 * 190 of them (zod alone is 95 files, discord-api-types 39 CommonJS files that Node scans before an
 * ES module may import them). Bundled, it loads a handful. Types are not checked here (esbuild
 * strips them): `npm run typecheck` does that, in CI too.
 *
 * The layout is the compiler's: dist/src/main.js, sharded.js, deploy.js and inspect.js, and
 * dist/commands/<file>.js for every file of commands/, since the command loader finds the
 * commands by listing its own folder. Code two of them share is in dist/chunks/. Every output
 * file is one folder deep in dist/, so a module's `import.meta` is rewritten to what it would be
 * at its own path in that layout (`new URL('../src/deploy.js', import.meta.url)`), wherever
 * esbuild put its code: the loader lists dist/commands/, deploy.js knows it is the program run.
 * zod and discord-api-types are bundled (pure JavaScript, and the bulk of the
 * loading); the other packages are imported from node_modules as they are (discord.js and pino
 * load only when the bot goes live, and pino starts worker threads from its own files).
 *
 * Staleness: the stamp (dist/.built-from) holds the newest modification time among the sources
 * (every .ts file and every folder under src/ and commands/, tsconfig.json and this file), taken
 * before bundling, and the versions of the bundled packages. dist/ is stale when a source is newer
 * than that (an edited file, or a folder that gained, lost or renamed a file: a copied file keeps
 * its old time, its folder does not) or when an install changed a bundled package. Only times and
 * three small package.json files are read; not package-lock.json, which `npm prune` rewrites
 * unchanged, with a new time.
 *
 * Usage: node scripts/build.mjs [--if-installed]
 *   --if-installed  without esbuild installed (a production install, `npm ci --omit=dev`), say so
 *                  and build nothing instead of failing; `prepare` runs it this way.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(import.meta.dirname, '..');
const SOURCE_DIRS = ['src', 'commands'];
const SOURCE_FILES = ['tsconfig.json', 'scripts/build.mjs'];
const STAMP = join('dist', '.built-from');
const ENTRIES = ['src/main.ts', 'src/sharded.ts', 'src/deploy.ts', 'src/inspect.ts'];
const BUNDLED = new Set(['zod', 'discord-api-types']);

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

/**
 * The newest modification time of anything the build reads. What is not there is left out: a
 * production image may hold dist/ without the sources it was built from.
 */
export function sourcesTime(root = ROOT) {
  const dirs = SOURCE_DIRS.map((d) => join(root, d)).filter((d) => existsSync(d));
  const files = SOURCE_FILES.map((f) => join(root, f)).filter((f) => existsSync(f));
  return Math.max(0, ...dirs.map((d) => newestUnder(d)), ...files.map((f) => statSync(f).mtimeMs));
}

/** The installed version of each bundled package (null when it is not installed). */
function bundledVersions(root) {
  return Object.fromEntries(
    [...BUNDLED].sort().map((name) => {
      try {
        return [name, JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version];
      } catch {
        return [name, null];
      }
    }),
  );
}

/** What dist/ was built from, or null when there is no build. */
export function builtFrom(root = ROOT) {
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/** True when dist/ is missing, older than a source, or built with other versions of the bundled packages. */
export function isStale(root = ROOT) {
  const built = builtFrom(root);
  return built === null || sourcesTime(root) > built.sourcesTime || JSON.stringify(bundledVersions(root)) !== JSON.stringify(built.bundled);
}

/** True when esbuild is installed (a development install). */
export function canBuild(root = ROOT) {
  try {
    createRequire(join(root, 'package.json')).resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

/** Each module sees the `import.meta` of its own path in dist/, one folder below dist/ like every output file. */
function importMetaAsBuilt(root) {
  return {
    name: 'import-meta-as-built',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        const own = `../${relative(root, args.path).split(sep).join('/').replace(/\.ts$/, '.js')}`;
        const url = `new URL(${JSON.stringify(own)}, import.meta.url)`;
        const contents = source
          .replaceAll('import.meta.url', `${url}.href`)
          .replaceAll('import.meta.filename', `__fileURLToPath(${url})`)
          .replaceAll('import.meta.dirname', `__dirname_of(__fileURLToPath(${url}))`);
        const imports = "import { fileURLToPath as __fileURLToPath } from 'node:url';\nimport { dirname as __dirname_of } from 'node:path';\n";
        return { contents: imports + contents, loader: 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Bundles src/ and commands/ into a clean dist/ (so a deleted command is gone from it too) and
 * writes the stamp. The sources' time is read before bundling: a file saved during the build
 * makes the next start build again.
 */
export async function build(root = ROOT) {
  const esbuild = await import(pathToFileURL(createRequire(join(root, 'package.json')).resolve('esbuild')).href);
  const time = sourcesTime(root);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((p) => !BUNDLED.has(p));
  const commands = readdirSync(join(root, 'commands'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `commands/${f}`);
  const dist = join(root, 'dist');
  rmSync(dist, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...ENTRIES, ...commands],
    outbase: '.',
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    external,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [importMetaAsBuilt(root)],
    metafile: true,
    logLevel: 'warning',
  });
  for (const file of Object.keys(result.metafile.outputs)) {
    if (relative(dist, join(root, file)).split(sep).length !== 2) throw new Error(`${file}: every output must be one folder below dist/`);
  }
  writeFileSync(join(root, STAMP), `${JSON.stringify({ sourcesTime: time, bundled: bundledVersions(root) })}\n`);
}

if (import.meta.filename === process.argv[1]) {
  if (process.argv.includes('--if-installed') && !canBuild()) {
    process.stderr.write(
      existsSync(join(ROOT, 'dist', 'src', 'main.js'))
        ? 'esbuild is not installed (a production install): dist/ is used as it was built.\n'
        : 'esbuild is not installed (a production install) and dist/ is not built: build it where the dev dependencies are installed (see README, "Production").\n',
    );
  } else {
    await build();
  }
}
