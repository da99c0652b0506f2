/**
 * Snapshots: a loaded and indexed corpus saved in one binary file, so that a restart answers in
 * a moment instead of ingesting and indexing every report again (at 100,000 passages, seconds
 * instead of a quarter of a minute).
 *
 * A snapshot stands for the exact bytes of every file the loader reads (pages, sidecars, the
 * aliases file), the code that reads them and the format it is written in: its key is a hash of
 * all three. It is used only when the key matches what the folder holds now and the payload's
 * checksum matches what was written; else the corpus is loaded from its files and a new snapshot
 * written. It is never the only copy of anything: deleting it costs one slower start.
 *
 * Layout: an 8-byte magic, a 32-bit little-endian header length, a JSON header (key, format
 * version, and each section's place and checksum), then the sections at 8-byte boundaries: the
 * corpus as JSON, and each term index's arrays as they are in memory (little-endian), so loading
 * them is reading them, not parsing them; and only the sections needed are read.
 */
import { createHash } from 'node:crypto';
import { closeSync, type Dirent, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import { extname, join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Article, Attribution, Passage, Speaker } from '../model.ts';
import type { SearchIndexData } from '../search/index.ts';
import type { TermIndexData } from '../search/terms.ts';
import { type Corpus, type CorpusFiles, nextTurn } from './load.ts';

/** Raised whenever what a snapshot holds or how it is laid out changes. */
export const SNAPSHOT_FORMAT = 6;
const MAGIC = Buffer.from('SUMMITSN', 'latin1');

interface Section {
  /** Its name says what it holds: corpus (JSON), NAME.vocabulary (text), or an array of 32- or 16-bit numbers. */
  name: string;
  /** From the start of the body. */
  offset: number;
  bytes: number;
  /** CRC-32 of the section's bytes. */
  checksum: number;
}
interface Header {
  format: number;
  key: string;
  sections: Section[];
  averageLengths: { passages: number; contexts: number };
  createdAt: string;
}

const codeHashes = new Map<string, Promise<string>>();

/**
 * The program's code: src/ when it runs as TypeScript; dist/src/ and the chunks the bundler
 * shares between its entry points (dist/chunks/) when it runs built.
 */
const CODE = ['src', 'chunks'].map((folder) => join(import.meta.dirname, '..', '..', folder));

/**
 * A hash of the code that reads and indexes a corpus: every source file of the program. A
 * snapshot written by other code is not used, so a change to the ingester or the tokenizer can
 * never answer from a stale reading.
 */
export function codeFingerprint(roots: string[] = CODE): Promise<string> {
  const id = roots.join('\u0000');
  const known = codeHashes.get(id);
  if (known) return known;
  const computed = (async () => {
    const hash = createHash('sha256');
    const walk = async (root: string, dir: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      } catch {
        return; // not there in this layout (no chunks/ when run as TypeScript)
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(root, path);
        else if (['.ts', '.js', '.json'].includes(extname(entry.name))) hash.update(`${path.slice(root.length)}\0`).update(await readFile(path));
      }
    };
    for (const root of roots) await walk(root, root);
    return hash.digest('hex');
  })();
  codeHashes.set(id, computed);
  return computed;
}

/** The key of a corpus: its files' names and bytes, the code and the format. */
export async function snapshotKey(files: CorpusFiles, sliced = false): Promise<string> {
  const hash = createHash('sha256').update(`summit-snapshot ${SNAPSHOT_FORMAT} ${endianness()} ${await codeFingerprint()}\0`);
  // Every name, so a file added or removed changes the key even if it is not read (an orphan sidecar).
  hash.update(`${files.names.join('\0')}\0\0`);
  let since = 0;
  for (const [name, bytes] of files.bytes) {
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
    // A few megabytes at a time when a bot answers meanwhile.
    since += bytes.length;
    if (sliced && since > 4 << 20) {
      since = 0;
      await nextTurn();
    }
  }
  return hash.digest('hex');
}

/** Where the snapshot of a corpus folder lives in the snapshot folder: one file per corpus folder. */
export function snapshotPath(snapshotDir: string, corpusRealPath: string): string {
  return join(snapshotDir, `corpus-${createHash('sha256').update(corpusRealPath).digest('hex').slice(0, 16)}.snapshot`);
}

const arrays = (prefix: string, data: TermIndexData): [string, Uint8Array[]][] => [
  [`${prefix}.vocabulary`, [Buffer.from(data.vocabulary.join('\n'), 'utf8')]],
  [`${prefix}.termStart`, [bytesOf(data.termStart)]],
  [`${prefix}.postingDocs`, [bytesOf(data.postingDocs)]],
  [`${prefix}.postingFreqs`, [bytesOf(data.postingFreqs)]],
  [`${prefix}.lengths`, [bytesOf(data.lengths)]],
];

function bytesOf(array: Uint32Array | Uint16Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Passages are most of a corpus, and as JSON objects most of a passage is its keys and the same
 * few strings again and again (story ids, kinds, speakers, cues, rules). In a snapshot each passage
 * is an array, every string but its text a number in a table of strings, and its id and article
 * left out where they follow from the article: a third of the size, parsed three times as fast.
 */
type PassageRow = [storyId: number, kind: number, paragraph: number, text: string, line: number, attribution: number[] | 0, truncated: 0 | 1, listId: number, spaceBefore: number, id?: string];
const PASSAGE_KEYS = new Set(['id', 'articleId', 'storyId', 'kind', 'paragraph', 'text', 'line', 'attribution', 'truncated', 'listId', 'spaceBefore']);
const ATTRIBUTION_KEYS = new Set(['speaker', 'cue', 'kind', 'rule', 'mention']);

class StringTable {
  readonly strings: string[] = [];
  private readonly numbers = new Map<string, number>();
  of(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }
}

function passageRows(article: Article, table: StringTable): PassageRow[] {
  return article.passages.map((p, i) => {
    for (const key in p) if (!PASSAGE_KEYS.has(key)) throw new Error(`a passage has a field the snapshot does not know: ${key}`);
    if (p.articleId !== article.meta.id) throw new Error(`passage ${p.id} is not of its article`);
    const a = p.attribution;
    if (a) for (const key in a) if (!ATTRIBUTION_KEYS.has(key)) throw new Error(`an attribution has a field the snapshot does not know: ${key}`);
    const row: PassageRow = [
      table.of(p.storyId),
      table.of(p.kind),
      p.paragraph,
      p.text,
      p.line,
      a ? [table.of(a.speaker), table.of(a.cue), table.of(a.kind), a.rule === undefined ? -1 : table.of(a.rule), a.mention === undefined ? -1 : table.of(a.mention)] : 0,
      p.truncated ? 1 : 0,
      p.listId === undefined ? -1 : table.of(p.listId),
      p.spaceBefore === undefined ? -1 : table.of(p.spaceBefore),
    ];
    if (p.id !== `${article.meta.id}#${i + 1}`) row.push(p.id);
    return row;
  });
}

function passagesOf(rows: PassageRow[], articleId: string, strings: string[]): Passage[] {
  return rows.map((row, i) => {
    const a = row[5];
    let attribution: Attribution | null = null;
    if (a !== 0) {
      attribution = { speaker: strings[a[0]!]!, cue: strings[a[1]!]!, kind: strings[a[2]!] as Attribution['kind'] };
      if (a[3]! >= 0) attribution.rule = strings[a[3]!]!;
      if (a[4]! >= 0) attribution.mention = strings[a[4]!]!;
    }
    const passage: Passage = {
      id: row[9] ?? `${articleId}#${i + 1}`,
      articleId,
      storyId: strings[row[0]]!,
      kind: strings[row[1]] as Passage['kind'],
      paragraph: row[2],
      text: row[3],
      line: row[4],
      attribution,
    };
    if (row[6] === 1) passage.truncated = true;
    if (row[7] >= 0) passage.listId = strings[row[7]]!;
    if (row[8] >= 0) passage.spaceBefore = strings[row[8]]!;
    return passage;
  });
}

/**
 * The corpus as JSON in UTF-8, an article at a time, with a turn of the event loop between
 * slices: a bot writing the snapshot of a reload keeps answering meanwhile. Pieces, not one
 * string: one string of the whole corpus costs tens of milliseconds to join and encode at once.
 */
async function corpusJson(corpus: Corpus): Promise<Uint8Array[]> {
  const table = new StringTable();
  const pieces: Uint8Array[] = [Buffer.from('{"articles":[', 'utf8')];
  let size = 0;
  for (const [i, article] of corpus.articles.entries()) {
    const piece = Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify({ ...article, passages: passageRows(article, table) })}`, 'utf8');
    pieces.push(piece);
    size += piece.length;
    if (size > 1 << 20) {
      size = 0;
      await nextTurn();
    }
  }
  pieces.push(Buffer.from(`],"speakers":${JSON.stringify(corpus.speakers)},"strings":${JSON.stringify(table.strings)}}`, 'utf8'));
  return pieces;
}

function corpusFromJson(json: string, dir: string): Corpus {
  const saved = JSON.parse(json) as { articles: (Omit<Article, 'passages'> & { passages: PassageRow[] })[]; speakers: Speaker[]; strings: string[] };
  const articles = saved.articles.map((a): Article => ({ ...a, passages: passagesOf(a.passages, a.meta.id, saved.strings) }));
  return { dir, articles, speakers: saved.speakers, loadedAt: new Date() };
}

/** The snapshot of a corpus and its index, as the bytes to write. */
export async function encodeSnapshot(key: string, corpus: Corpus, index: SearchIndexData): Promise<Uint8Array[]> {
  const parts: [string, Uint8Array[]][] = [['corpus', await corpusJson(corpus)], ...arrays('passages', index.passages), ...arrays('contexts', index.contexts)];
  const sections: Section[] = [];
  const body: Uint8Array[] = [];
  let offset = 0;
  for (const [name, pieces] of parts) {
    const start = offset;
    let checksum = 0;
    for (const piece of pieces) {
      body.push(piece);
      checksum = crc32(piece, checksum);
      offset += piece.byteLength;
    }
    sections.push({ name, offset: start, bytes: offset - start, checksum });
    const pad = (8 - (offset % 8)) % 8;
    if (pad) {
      body.push(Buffer.alloc(pad));
      offset += pad;
    }
    await nextTurn();
  }
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    key,
    sections,
    averageLengths: { passages: index.passages.averageLength, contexts: index.contexts.averageLength },
    createdAt: new Date().toISOString(),
  };
  const text = Buffer.from(JSON.stringify(header), 'utf8');
  // The body starts at an 8-byte boundary: its arrays are then aligned in the file as in memory.
  const json = Buffer.concat([text, Buffer.alloc((8 - ((MAGIC.length + 4 + text.length) % 8)) % 8, 0x20)]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return [MAGIC, length, json, ...body];
}

/** A snapshot that checked out: its index at once, its corpus read and parsed when asked for (it may still prove corrupt). */
export type Decoded = { ok: true; corpus: () => Corpus; index: SearchIndexData } | { ok: false; reason: string };

class Corrupt extends Error {}

/** `length` bytes of the open file at `position`, in a buffer of their own. */
function readAt(fd: number, size: number, position: number, length: number): Buffer {
  if (position + length > size) throw new Corrupt('cut off');
  const buffer = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Corrupt('cut off');
    done += n;
  }
  return buffer;
}

/**
 * The snapshot at `path`, if it is there, whole, of this format and for this key. Only what is
 * needed is read: the header, then the index's sections, then the corpus's when it is asked for;
 * each section is checked against its own checksum as it is read.
 */
export function readSnapshot(path: string, key: string, dir: string): Decoded {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { ok: false, reason: 'no snapshot yet' };
  }
  try {
    const size = fstatSync(fd).size;
    if (size < MAGIC.length + 4) return { ok: false, reason: 'not a snapshot' };
    const start = readAt(fd, size, 0, MAGIC.length + 4);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, reason: 'not a snapshot' };
    const headerLength = start.readUInt32LE(MAGIC.length);
    const bodyStart = MAGIC.length + 4 + headerLength;
    let header: Header;
    try {
      header = JSON.parse(readAt(fd, size, MAGIC.length + 4, headerLength).toString('utf8')) as Header;
    } catch (error) {
      return { ok: false, reason: error instanceof Corrupt ? error.message : 'unreadable header' };
    }
    if (header.format !== SNAPSHOT_FORMAT) return { ok: false, reason: `format ${header.format}, not ${SNAPSHOT_FORMAT}` };
    if (header.key !== key) return { ok: false, reason: 'stale: the reports or the code changed' };
    const bySection = new Map(header.sections.map((s) => [s.name, s]));
    const section = (file: number, name: string): Buffer => {
      const s = bySection.get(name);
      if (!s) throw new Corrupt(`section ${name} missing`);
      const bytes = readAt(file, size, bodyStart + s.offset, s.bytes);
      if (crc32(bytes) !== s.checksum) throw new Corrupt('checksum mismatch');
      return bytes;
    };
    // Each section in a buffer of its own, at its start: its arrays are aligned as in memory.
    const u32 = (name: string) => {
      const b = section(fd, name);
      return new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    };
    const u16 = (name: string) => {
      const b = section(fd, name);
      return new Uint16Array(b.buffer, b.byteOffset, b.byteLength / 2);
    };
    const terms = (prefix: 'passages' | 'contexts'): TermIndexData => {
      const termStart = u32(`${prefix}.termStart`);
      const text = section(fd, `${prefix}.vocabulary`).toString('utf8');
      const vocabulary = termStart.length > 1 ? text.split('\n') : [];
      if (vocabulary.length !== termStart.length - 1) throw new Corrupt(`${prefix}: ${vocabulary.length} terms for ${termStart.length - 1} posting lists`);
      return {
        vocabulary,
        termStart,
        postingDocs: u32(`${prefix}.postingDocs`),
        postingFreqs: u16(`${prefix}.postingFreqs`),
        lengths: u32(`${prefix}.lengths`),
        averageLength: header.averageLengths[prefix],
      };
    };
    const index = { passages: terms('passages'), contexts: terms('contexts') };
    const corpus = (): Corpus => {
      const again = openSync(path, 'r');
      try {
        return corpusFromJson(section(again, 'corpus').toString('utf8'), dir);
      } finally {
        closeSync(again);
      }
    };
    return { ok: true, corpus, index };
  } catch (error) {
    return { ok: false, reason: `corrupt: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a snapshot whole or not at all: into a temporary file, flushed, then renamed over the
 * old one, so a process killed meanwhile leaves the old snapshot or none, never half of one.
 */
export async function writeSnapshot(path: string, parts: Uint8Array[]): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    for (const part of parts) await handle.write(part);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}
