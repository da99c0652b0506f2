/** Configuration from the environment and .env. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config } from 'dotenv';

/** Reads .env from the project root when there is one; the environment wins over it. */
export function loadDotEnv(): void {
  const path = resolve(import.meta.dirname, '../.env');
  if (existsSync(path)) config({ path, quiet: true });
}
