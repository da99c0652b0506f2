import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus, type Corpus } from '../src/corpus/load.ts';
import type { Passage } from '../src/model.ts';

export const CORPUS_DIR = resolve(import.meta.dirname, '../corpus');
export const STYLES_DIR = resolve(import.meta.dirname, 'fixtures/corpus-styles');
export const FIXTURES = resolve(import.meta.dirname, 'fixtures');
export const SEED_FILE = join(CORPUS_DIR, '000_f273cfefe06868c5.txt');
export const seedText = () => readFileSync(SEED_FILE, 'utf8');

export async function load(dir: string): Promise<Corpus> {
  const result = await loadCorpus(dir);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
  return result.corpus;
}

export function passages(corpus: Corpus): Passage[] {
  return corpus.articles.flatMap((a) => a.passages);
}

/** The one passage whose text contains `fragment`. */
export function passageWith(corpus: Corpus, fragment: string): Passage {
  const found = passages(corpus).filter((p) => p.text.includes(fragment));
  if (found.length !== 1) throw new Error(`${found.length} passages contain ${fragment}`);
  return found[0]!;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'summit-bot-'));
}

/** A copy of the real corpus to change or reload: tests never write into corpus/ itself. */
export function corpusCopy(): string {
  const dir = tempDir();
  cpSync(CORPUS_DIR, dir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') && !from.includes('removed-reports') });
  return dir;
}

/**
 * The real corpus and a government speech in full (a fixture report): one speaker, Alfred Leung,
 * with more passages than one page of a reply holds, for tests of paging.
 */
export function corpusWithSpeech(): string {
  const dir = corpusCopy();
  cpSync(join(FIXTURES, 'attribution/dev/govrelease-en.txt'), join(dir, 'govrelease-en.txt'));
  return dir;
}

/**
 * Splits `text` into the fewest pieces that each occur in `source`, in order: a passage joined
 * across a layout break comes out as two pieces, any changed character as a failure.
 */
export function piecesInSource(text: string, source: string): string[] | null {
  const pieces: string[] = [];
  let rest = text;
  let from = 0;
  while (rest.length > 0) {
    let len = rest.length;
    while (len > 0 && source.indexOf(rest.slice(0, len), from) < 0) len--;
    if (len === 0) return null;
    const piece = rest.slice(0, len);
    from = source.indexOf(piece, from) + len;
    pieces.push(piece);
    rest = rest.slice(len);
  }
  return pieces;
}

export interface ProgramRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program in `cwd` with `input` on stdin from a pipe, as a script or CI would, without
 * DISCORD_TOKEN (so `npm start`'s program opens the console); what it wrote, and its exit code.
 */
export function runProgram(command: string, args: string[], cwd: string, input = ''): Promise<ProgramRun> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env.DISCORD_TOKEN;
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
