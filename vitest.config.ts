import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The load test measures the heap after a collection.
    execArgv: ['--expose-gc'],
    // The bots and consoles the tests start keep their corpus snapshots out of the project.
    env: { SNAPSHOT_DIR: join(tmpdir(), 'summit-bot-test-snapshots') },
  },
});
