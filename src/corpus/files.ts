/**
 * Changing the corpus folder safely. A page or sidecar is written to a temporary file in the
 * folder (a name the loader never reads), flushed to disk, then renamed into place: a reader
 * sees the whole file or none of it, even if the process dies half-way. The folder itself is
 * flushed after a rename so that the rename survives a crash too. Changes are serialised across
 * processes (the bot and a console on the same folder) by a lock file, and every change is
 * appended to the folder's audit file.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { appendFile, lstat, mkdir, open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const AUDIT_FILE = 'corpus-audit.jsonl';
export const LOCK_FILE = '.corpus-change.lock';
/** Where removed reports go, inside the corpus folder; the loader reads only the folder's own files. */
export const REMOVED_FOLDER = 'removed-reports';
const TEMP = /^\..+\.\d+-\d+\.tmp$/;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let tempCount = 0;

/** Flushes a folder's entries (renames, new names) to disk; a no-op where folders cannot be opened. */
export async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // Some file systems refuse to open or flush a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `name` in `dir` whole or not at all: to a temporary file first, flushed, then renamed.
 * Refuses to replace a file that is already there.
 */
export async function writeAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dir, `.${name}.${process.pid}-${++tempCount}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    if (await exists(join(dir, name))) throw Object.assign(new Error(`${name} is already in the corpus folder`), { code: 'EEXIST' });
    await rename(temp, join(dir, name));
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncFolder(dir);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Temporary files a change that died half-way left behind (never read by the loader). */
export async function removeLeftovers(dir: string): Promise<string[]> {
  const left = (await readdir(dir)).filter((n) => TEMP.test(n));
  for (const name of left) await unlink(join(dir, name)).catch(() => {});
  return left;
}

/** Moves files of the folder into `to` (a folder inside it, made if need be), in the order given. */
export async function moveFiles(dir: string, names: string[], to: string): Promise<void> {
  await mkdir(join(dir, to), { recursive: true });
  for (const name of names) await rename(join(dir, name), join(dir, to, name));
  await syncFolder(join(dir, to));
  await syncFolder(dir);
}

/** One line of the audit file. */
export interface AuditEntry {
  at: string;
  by: { id: string; name: string };
  action: 'add' | 'undo-add' | 'remove' | 'undo-remove' | 'reload';
  article?: string;
  files?: string[];
  sha256?: string;
  outcome?: string;
  detail?: string;
}

export async function appendAudit(dir: string, entry: AuditEntry): Promise<void> {
  await appendFile(join(dir, AUDIT_FILE), `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o644 });
}

export async function readAudit(dir: string): Promise<AuditEntry[]> {
  try {
    const text = await readFile(join(dir, AUDIT_FILE), 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Who holds the lock file, as it says. */
export interface LockHolder {
  pid: number;
  by: string;
  what: string;
  since: string;
}

// A lock older than this was left by a process that died (a change takes seconds).
const STALE_LOCK_MS = 20 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A folder the bot may only read (a read-only mount): no lock can be taken there, and none is
// needed for a reload; a change would fail at its first write anyway, and say so.
const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * Takes the folder's change lock, or says who holds it. A lock whose process is gone, that this
 * very process left, or older than any change can take, is taken over. In a folder that cannot be
 * written, only this process's own serialising holds.
 */
export async function takeLock(dir: string, holder: Omit<LockHolder, 'pid' | 'since'>): Promise<{ ok: true; release: () => Promise<void> } | { ok: false; holder: LockHolder }> {
  const path = join(dir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, ...holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(JSON.stringify(mine));
      await handle.close();
      return { ok: true, release: () => unlink(path).catch(() => {}) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (READ_ONLY.has(code)) return { ok: true, release: async () => {} };
      if (code !== 'EEXIST') throw error;
    }
    let other: LockHolder | null = null;
    try {
      other = JSON.parse(await readFile(path, 'utf8')) as LockHolder;
    } catch {
      // Unreadable or half-written: a process died while taking it.
    }
    const stale = !other || other.pid === process.pid || !alive(other.pid) || Date.now() - Date.parse(other.since) > STALE_LOCK_MS;
    if (!stale) return { ok: false, holder: other! };
    await unlink(path).catch(() => {});
  }
  return { ok: false, holder: mine };
}
