/**
 * Reading the corpus folder: every `*.txt` is a page, with an optional `NAME.json` sidecar, and
 * an optional `aliases.json`. Everything is checked before anything is ingested, and every
 * problem is reported with its file (and line where it helps) so that a moderator can fix them
 * all in one go; a corpus with any problem is refused whole, so the bot never half-loads.
 *
 * The folder is not trusted: whatever the loader reads may be quoted in public. It reads only
 * regular files whose real path is inside the folder (a link to /etc/passwd or to the bot's .env
 * is refused), checks the type and size before opening (a device never ends, a named pipe never
 * answers), and reads at most MAX_ARTICLE_BYTES + 1 bytes from the opened file.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import type { Article, ArticleMeta, Language, Speaker } from '../model.ts';
import { fold, hanShare, looksTraditional, simplified, traditional } from '../text/fold.ts';
import { ingestArticle } from '../ingest/article.ts';
import { parseBlocks } from '../ingest/blocks.ts';
import { findDate } from '../text/dates.ts';
import { aliasesSchema, describeZodError, sidecarSchema, type Aliases, type Sidecar } from './schema.ts';

export const MAX_ARTICLE_BYTES = 4 * 1024 * 1024;
export const ALIASES_FILE = 'aliases.json';
/** Files read at the same time. */
const READ_AT_ONCE = 16;

export interface CorpusProblem {
  file: string;
  line?: number;
  message: string;
}

export interface Corpus {
  dir: string;
  articles: Article[];
  /** Everyone quoted in any article, merged by name across articles, with aliases. */
  speakers: Speaker[];
  loadedAt: Date;
}

export type LoadResult = { ok: true; corpus: Corpus } | { ok: false; errors: CorpusProblem[] };

export function formatProblem(p: CorpusProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decode a page, or say precisely why it cannot be read as text. */
function tooLarge(file: string, bytes: number): CorpusProblem {
  return { file, message: `file is ${(bytes / 1048576).toFixed(1)} MB; a page may be at most ${MAX_ARTICLE_BYTES / 1048576} MB` };
}

export function decodePage(bytes: Uint8Array, file: string): { text: string } | CorpusProblem {
  if (bytes.length > MAX_ARTICLE_BYTES) return tooLarge(file, bytes.length);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { file, line: lineOfByte(bytes, nul), message: 'binary file (contains a NUL byte); save the article as UTF-8 text' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Find the first bad byte by decoding growing prefixes is slow; scan for it instead.
    const bad = firstInvalidUtf8(bytes);
    return { file, line: lineOfByte(bytes, bad), message: `not valid UTF-8 (byte ${bad}); save the article as UTF-8 text` };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { file, message: 'empty file: a page needs some text' };
  const controls = text.match(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > 0 && controls / text.length > 0.01) return { file, message: 'binary file (control characters); save the article as UTF-8 text' };
  return { text };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

function parseJson(text: string, file: string): { value: unknown } | CorpusProblem {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    return { file, line, message: `invalid JSON: ${message}` };
  }
}

const GOVERNMENT_RELEASE: Record<Language, string> = {
  en: 'Hong Kong SAR Government press release',
  'zh-Hant': '香港特區政府新聞公報',
  'zh-Hans': '香港特区政府新闻公报',
};

/**
 * Metadata for a page with no sidecar, derived from its text. The source: what the page says it
 * is (来源：…, 《人民日报海外版》（…版）), else a Hong Kong government release known by its footer
 * (Ends + Issued at HKT, 完 + 香港時間), else the first byline's paper or agency (香港文匯報訊,
 * 【明報專訊】, 新华社…电, 香港01記者, (Xinhua)). The date: a dateline's or a footer's, else the
 * first full date in the text.
 */
export function deriveMeta(text: string, id: string, file: string): ArticleMeta {
  const blocks = parseBlocks(text);
  const lines = text.split('\n');
  const titleBlock = blocks.find((b) => b.kind !== 'dateline' && b.kind !== 'footer' && b.kind !== 'credit');
  const title = (titleBlock ? lines[titleBlock.line - 1]!.trim() : id).replace(/^[●■]\s*/, '').slice(0, 120);
  const language: Language = hanShare(text) < 0.3 ? 'en' : looksTraditional(text) ? 'zh-Hant' : 'zh-Hans';
  const stated = blocks.find((b) => (b.kind === 'dateline' || b.kind === 'footer') && b.outlet)?.outlet;
  const footers = blocks.filter((b) => b.kind === 'footer').map((b) => b.text);
  const release =
    (footers.some((f) => /^Ends\b/.test(f)) && footers.some((f) => /^Issued at HKT/.test(f))) || (footers.some((f) => /^[（(]?完[）)]?$/u.test(f)) && footers.some((f) => /香港[時时][間间]/u.test(f)));
  const source = stated ?? (release ? GOVERNMENT_RELEASE[language] : undefined) ?? blocks.find((b) => b.outlet)?.outlet ?? 'unknown source';
  const date = blocks.find((b) => b.date)?.date ?? findDate(text);
  return { id, title, source, date, language, file };
}

interface PageFile {
  file: string;
  text: string;
  meta: ArticleMeta;
}

export interface LoadOptions {
  /** Give the event loop a turn between articles (a reload while the bot answers). */
  yieldBetweenArticles?: boolean;
  /** An abandoned reload: stop reading and indexing at the next file or article. */
  signal?: AbortSignal;
  /**
   * Files read as if they were in the folder, by name (a dry run of /corpus add: the corpus as it
   * would be, read and checked by the very same code, without a byte written).
   */
  extraFiles?: ReadonlyMap<string, Uint8Array>;
}

/** A turn of the event loop for whatever else is waiting (questions, during a reload). */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

const CHANGED = 'file changed while the corpus was read; reload again';

/**
 * The bytes of `name` in the corpus folder (whose real path is `root`), or why it is refused.
 * Type and size are checked before opening; the opened handle is checked again (same file,
 * still regular, still small enough) so that a file swapped in between cannot get around it, and
 * no more than the limit plus one byte is ever read.
 */
export async function readCorpusFile(dir: string, root: string, name: string, limit = MAX_ARTICLE_BYTES): Promise<Uint8Array | CorpusProblem> {
  let path = join(dir, name);
  try {
    let info = await lstat(path);
    if (info.isSymbolicLink()) {
      path = await realpath(path);
      if (!isInside(root, path)) return { file: name, message: 'a link to a file outside the corpus folder; only files inside it are read (copy the file into the folder instead)' };
      info = await stat(path);
    }
    if (!info.isFile()) return { file: name, message: `not a regular file but ${kindOf(info)}; only regular files are read` };
    if (info.size > limit) return tooLarge(name, info.size);
    // O_NONBLOCK: should a named pipe be swapped in after the check, opening it does not wait for
    // a writer. O_NOFOLLOW: nor can the name have become a link.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const opened = await handle.stat();
      if (!opened.isFile() || opened.dev !== info.dev || opened.ino !== info.ino) return { file: name, message: CHANGED };
      if (opened.size > limit) return tooLarge(name, opened.size);
      const bytes = Buffer.allocUnsafe(opened.size + 1);
      let length = 0;
      while (length < bytes.length) {
        const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      // One byte more than it had: it grew after the check.
      if (length > opened.size) return { file: name, message: CHANGED };
      return bytes.subarray(0, length);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: name, message: 'file disappeared while the corpus was read' };
    if (code === 'ELOOP') return { file: name, message: CHANGED };
    return { file: name, message: `cannot read file (${code ?? error})` };
  }
}

const abandoned = (dir: string): { ok: false; errors: CorpusProblem[] } => ({ ok: false, errors: [{ file: dir, message: 'the reload was abandoned before it finished' }] });

/**
 * The files of a corpus folder as read: every page, the sidecar of each page and the aliases
 * file, by name, byte for byte; and what could not be read. Nothing is decoded or checked yet:
 * the same bytes always load the same corpus, which is what lets a snapshot stand for them.
 */
export interface CorpusFiles {
  dir: string;
  /** The folder's real path. */
  root: string;
  /** Every name in the folder (and the extra files), sorted. */
  names: string[];
  /** The bytes of the pages, their sidecars and the aliases file, by name, in name order. */
  bytes: Map<string, Uint8Array>;
  /** Files that could not be read. */
  errors: CorpusProblem[];
}

export type ReadResult = { ok: true; files: CorpusFiles } | { ok: false; errors: CorpusProblem[] };

/** Reads the files a load needs, each checked as readCorpusFile does. */
export async function readCorpusFiles(dir: string, options: LoadOptions = {}): Promise<ReadResult> {
  let names: string[];
  let root: string;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) return { ok: false, errors: [{ file: dir, message: 'not a folder' }] };
    root = await realpath(dir);
    names = [...new Set([...(await readdir(dir)), ...(options.extraFiles?.keys() ?? [])])].sort();
  } catch (error) {
    return { ok: false, errors: [{ file: dir, message: `cannot read the corpus folder: ${(error as NodeJS.ErrnoException).code ?? error}` }] };
  }
  const present = new Set(names);
  const wanted = names.filter((n) => n.endsWith('.txt') || n === ALIASES_FILE || (n.endsWith('.json') && present.has(`${basename(n, '.json')}.txt`)));
  // Several files at a time (the disk and the thread pool work on them together), kept in name order.
  const results: (Uint8Array | CorpusProblem)[] = new Array(wanted.length);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length && !options.signal?.aborted) {
      const i = next++;
      const name = wanted[i]!;
      results[i] = options.extraFiles?.get(name) ?? (await readCorpusFile(dir, root, name));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, wanted.length) }, worker));
  if (options.signal?.aborted) return abandoned(dir);
  const bytes = new Map<string, Uint8Array>();
  const errors: CorpusProblem[] = [];
  for (const [i, read] of results.entries()) {
    if ('message' in read) errors.push(read);
    else bytes.set(wanted[i]!, read);
  }
  return { ok: true, files: { dir, root, names, bytes, errors } };
}

export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const read = await readCorpusFiles(dir, options);
  return read.ok ? ingestCorpusFiles(read.files, options) : read;
}

/** The corpus the files make: every page decoded, checked and ingested, or every problem found. */
export async function ingestCorpusFiles(files: CorpusFiles, options: LoadOptions = {}): Promise<LoadResult> {
  const { dir, names } = files;
  const errors: CorpusProblem[] = [];
  // A file that could not be read is reported where the loader meets it, as if read then.
  const unreadable = new Map(files.errors.map((e) => [e.file, e]));
  const read = (name: string): Uint8Array | null => {
    const bytes = files.bytes.get(name);
    if (bytes) return bytes;
    const problem = unreadable.get(name);
    if (problem) errors.push(problem);
    return null;
  };

  const texts = names.filter((n) => n.endsWith('.txt'));
  const sidecars = new Set(names.filter((n) => n.endsWith('.json') && n !== ALIASES_FILE));
  const pages: PageFile[] = [];
  for (const file of texts) {
    if (options.signal?.aborted) return abandoned(dir);
    // Reading a page's metadata parses it: a reload gives the answers a turn between pages.
    if (options.yieldBetweenArticles) await nextTurn();
    const stem = basename(file, '.txt');
    const bytes = read(file);
    if (!bytes) continue;
    const decoded = decodePage(bytes, file);
    if ('message' in decoded) {
      errors.push(decoded);
      continue;
    }
    let meta = deriveMeta(decoded.text, stem, file);
    const sidecarName = `${stem}.json`;
    if (sidecars.has(sidecarName)) {
      sidecars.delete(sidecarName);
      const sidecar = readSidecar(sidecarName);
      if (!sidecar) continue;
      meta = { ...meta, ...sidecar, id: sidecar.id ?? stem, file };
    }
    pages.push({ file, text: decoded.text, meta });
  }
  for (const orphan of sidecars) errors.push({ file: orphan, message: `sidecar without its page: expected ${basename(orphan, '.json')}.txt beside it` });

  function readSidecar(name: string): Sidecar | null {
    const bytes = read(name);
    if (!bytes) return null;
    const decoded = decodePage(bytes, name);
    if ('message' in decoded) {
      errors.push({ ...decoded, message: `invalid sidecar: ${decoded.message}` });
      return null;
    }
    const json = parseJson(decoded.text, name);
    if ('message' in json) {
      errors.push({ ...json, message: `invalid sidecar: ${json.message}` });
      return null;
    }
    const parsed = sidecarSchema.safeParse(json.value);
    if (!parsed.success) {
      errors.push({ file: name, message: `invalid sidecar: ${describeZodError(parsed.error)}` });
      return null;
    }
    return parsed.data;
  }

  const byId = new Map<string, string>();
  for (const page of pages) {
    const other = byId.get(page.meta.id);
    if (other) errors.push({ file: page.file, message: `duplicate article id "${page.meta.id}", also used by ${other}` });
    else byId.set(page.meta.id, page.file);
  }

  let aliases: Aliases = {};
  if (names.includes(ALIASES_FILE)) {
    const bytes = read(ALIASES_FILE);
    if (bytes) {
      const decoded = decodePage(bytes, ALIASES_FILE);
      const json = 'message' in decoded ? decoded : parseJson(decoded.text, ALIASES_FILE);
      if ('message' in json) errors.push(json);
      else {
        const parsed = aliasesSchema.safeParse(json.value);
        if (parsed.success) aliases = parsed.data;
        else errors.push({ file: ALIASES_FILE, message: `invalid aliases: ${describeZodError(parsed.error)}` });
      }
    }
  }

  if (pages.length === 0 && errors.length === 0) errors.push({ file: dir, message: 'the corpus folder holds no .txt article' });
  if (errors.length > 0) return { ok: false, errors };

  const articles: Article[] = [];
  for (const page of pages) {
    articles.push(ingestArticle(page.text, page.meta));
    if (options.yieldBetweenArticles) await nextTurn();
    if (options.signal?.aborted) return abandoned(dir);
  }
  // A mention no page of its own resolves (陳司長, Mr Wong) may be a person another report
  // introduced: read those articles again with everyone else's people.
  for (const [i, page] of pages.entries()) {
    if (!articles[i]!.warnings.some((w) => w.code === 'unresolved-mention')) continue;
    const others = articles.flatMap((a, j) => (j === i ? [] : a.people));
    articles[i] = ingestArticle(page.text, page.meta, others);
    if (options.yieldBetweenArticles) await nextTurn();
    if (options.signal?.aborted) return abandoned(dir);
  }
  const { speakers, canonical } = mergeSpeakers(articles, aliases);
  // One name per person everywhere: a Simplified article's 陈茂波 and an English one's Paul Chan
  // are the corpus's 陳茂波.
  for (const article of articles) {
    for (const p of article.passages) if (p.attribution) p.attribution.speaker = canonical(p.attribution.speaker);
    for (const l of article.lists) if (l.source) l.source = canonical(l.source);
  }
  return { ok: true, corpus: { dir, articles, speakers, loadedAt: new Date() } };
}

/**
 * One speaker per person across articles, keyed by the folded name so 陳茂波 and 陈茂波 are
 * one person, and through the aliases file so an English report's Paul Chan is 陳茂波 too (the
 * aliases file's key is then the canonical name). Aliases: the other script's spelling, the
 * aliases file's names, and the nicknames the reports gave them. `canonical` maps any name as an article wrote it to the merged one.
 */
export function mergeSpeakers(articles: Article[], aliases: Aliases): { speakers: Speaker[]; canonical: (name: string) => string } {
  const entryOf = new Map<string, string>();
  for (const [name, others] of Object.entries(aliases)) for (const form of [name, ...others]) entryOf.set(fold(form), name);
  const keyOf = (name: string) => fold(entryOf.get(fold(name)) ?? name);
  const byKey = new Map<string, Speaker>();
  for (const article of articles) {
    for (const s of article.speakers) {
      const key = keyOf(s.name);
      const known = byKey.get(key);
      if (!known) byKey.set(key, { name: entryOf.get(fold(s.name)) ?? s.name, roles: [...s.roles], aliases: [...s.aliases] });
      else {
        for (const r of s.roles) if (!known.roles.includes(r)) known.roles.push(r);
        for (const a of s.aliases) if (!known.aliases.includes(a)) known.aliases.push(a);
      }
    }
  }
  for (const speaker of byKey.values()) {
    // A speaker with an aliases entry carries the entry's own name (see above).
    const forms = new Set<string>([traditional(speaker.name), simplified(speaker.name), ...(aliases[speaker.name] ?? []), ...speaker.aliases]);
    forms.delete(speaker.name);
    speaker.aliases = [...forms];
  }
  return { speakers: [...byKey.values()], canonical: (name) => byKey.get(keyOf(name))?.name ?? name };
}
