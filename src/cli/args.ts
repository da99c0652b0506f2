/** Command-line flags shared by `npm start` and `npm run inspect`. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_CORPUS } from '../paths.ts';

export interface CliOptions {
  corpus: string;
  json: boolean;
  /** The console confirms every change to the corpus without asking (scripts). */
  yes: boolean;
}

export function parseCli(argv: string[], usage: string): CliOptions {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { corpus: { type: 'string' }, json: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { corpus: values.corpus ? resolve(values.corpus) : DEFAULT_CORPUS, json: values.json ?? false, yes: values.yes ?? false };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}
