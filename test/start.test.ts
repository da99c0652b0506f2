/**
 * What `npm start` does before the program runs (scripts/launch.mjs and scripts/build.mjs), on a
 * copy of the project: nothing is built when nothing changed, an edited source runs at the next
 * start, and a production install without the build tools runs what was built.
 */
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusCopy, runProgram, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const project = tempDir();

const run = (args: string[], input = '') => runProgram(process.execPath, args, project, input);

const start = (input: string) => run(['scripts/launch.mjs', 'main', '--corpus', join(project, 'corpus')], input);
const stale = async () => (await run(['--input-type=module', '-e', "import { isStale } from './scripts/build.mjs'; process.stdout.write(String(isStale()))"])).stdout;
const stamp = () => readFileSync(join(project, 'dist/.built-from'), 'utf8');

beforeAll(async () => {
  for (const path of ['src', 'commands', 'data', 'scripts/build.mjs', 'scripts/launch.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, path), join(project, path), { recursive: true, preserveTimestamps: true });
  }
  cpSync(corpusCopy(), join(project, 'corpus'), { recursive: true });
  // node_modules as links to the real packages, so that the last test can take esbuild away.
  mkdirSync(join(project, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules', name), join(project, 'node_modules', name));
  const built = await run(['scripts/build.mjs']);
  expect(built.code, built.stderr).toBe(0);
}, 120_000);

describe('npm start, before the program runs', () => {
  it('builds nothing when nothing changed, and answers', async () => {
    const before = { stamp: stamp(), main: statSync(join(project, 'dist/src/main.js')).mtimeMs };
    expect(await stale()).toBe('false');
    const { code, stdout, stderr } = await start('/ask query:量子\n');
    expect(code).toBe(0);
    expect(stdout).toContain('1,060億美元');
    expect(stderr).not.toContain('building');
    expect({ stamp: stamp(), main: statSync(join(project, 'dist/src/main.js')).mtimeMs }).toEqual(before);
  });

  it('runs each program as its own main module, from dist/', async () => {
    const deploy = await run(['scripts/launch.mjs', 'deploy']);
    expect(deploy.code).toBe(1);
    expect(deploy.stderr).toContain('Cannot deploy the commands');
    const inspect = await run(['scripts/launch.mjs', 'inspect', '--json']);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.stdout).ok).toBe(true);
    const help = await start('/help\n');
    for (const command of ['/ask', '/who', '/trends', '/stats', '/speakers', '/about', '/reload', '/corpus']) expect(help.stdout).toContain(command);
  });

  it('runs an edited source at the next start, built once', async () => {
    appendFileSync(join(project, 'src/paths.ts'), "\nprocess.stderr.write('paths.ts as edited\\n');\n");
    expect(await stale()).toBe('true');
    const first = await start('/help\n');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('dist/ is missing or older than the sources: building it');
    expect(first.stderr).toContain('paths.ts as edited');
    const second = await start('/help\n');
    expect(second.stderr).not.toContain('building');
    expect(second.stderr).toContain('paths.ts as edited');
  }, 60_000);

  it('notices a file added with an old time (its folder changed), one removed, and another version of a bundled package', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const added = join(project, 'src/text/added.ts');
    writeFileSync(added, 'export const added = 1;\n');
    utimesSync(added, old, old);
    expect(await stale()).toBe('true');
    await run(['scripts/build.mjs']);
    expect(await stale()).toBe('false');
    rmSync(added);
    expect(await stale()).toBe('true');
    await run(['scripts/build.mjs']);
    const built = JSON.parse(stamp());
    writeFileSync(join(project, 'dist/.built-from'), JSON.stringify({ ...built, bundled: { ...built.bundled, zod: '0.0.1' } }));
    expect(await stale()).toBe('true');
  }, 60_000);

  it('a failed build says so and does not start', async () => {
    appendFileSync(join(project, 'src/paths.ts'), '\nexport const broken = ;\n');
    const { code, stdout, stderr } = await start('/help\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('The build failed, so the program was not started');
    expect(stderr).toContain('src/paths.ts');
    // Fixed, it starts.
    writeFileSync(join(project, 'src/paths.ts'), readFileSync(join(ROOT, 'src/paths.ts')));
    expect((await start('/help\n')).code).toBe(0);
  }, 60_000);

  it('without esbuild (npm ci --omit=dev) runs what was built, and says when it cannot', async () => {
    rmSync(join(project, 'node_modules/esbuild'));
    const prepare = await run(['scripts/build.mjs', '--if-installed']);
    expect(prepare.code).toBe(0);
    expect(prepare.stderr).toContain('esbuild is not installed');
    expect((await run(['scripts/build.mjs'])).code).not.toBe(0);

    appendFileSync(join(project, 'src/paths.ts'), '\n');
    const warned = await start('/ask query:量子\n');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('esbuild is not installed to build them again');
    expect(warned.stdout).toContain('1,060億美元');

    // An image holding dist/ without the sources it was built from.
    for (const dir of ['src', 'commands']) rmSync(join(project, dir), { recursive: true });
    const image = await start('/ask query:量子\n');
    expect(image.code).toBe(0);
    expect(image.stderr).not.toContain('warning');
    expect(image.stdout).toContain('1,060億美元');

    rmSync(join(project, 'dist'), { recursive: true });
    const missing = await start('/help\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not built, and esbuild is not installed');
  }, 60_000);
});
