/**
 * Moderators change the corpus: a change (adding a report, removing an article) is prepared
 * (checked, and for an add read as the loader would in a dry run), shown, and made only when the
 * moderator who asked for it confirms it before it expires. Making it writes the files safely, or
 * moves them into the folder of removed reports, never deleting them (files.ts); then every shard
 * reloads through the ordinary reload, and the change is undone when that reload fails, so the
 * folder never keeps a corpus the bot refused. One change at a time, in this process and across
 * processes on the folder; a second is told one is running. Every change (and every reload) goes
 * to the audit file.
 *
 * Nothing here knows Discord or the console: both come through the same calls.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, realpath, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Article, Language } from '../model.ts';
import { diff, type CorpusChanges, type LiveCorpus, type ReloadOutcome } from './live.ts';
import { decodePage, deriveMeta, formatProblem, loadCorpus, readCorpusFile, type CorpusProblem, type LoadResult } from './load.ts';
import { describeZodError, sidecarSchema, type Sidecar } from './schema.ts';
import { REMOVED_FOLDER, appendAudit, exists, moveFiles, removeLeftovers, sha256, syncFolder, takeLock, writeAtomically, type AuditEntry } from './files.ts';

/** Who asked for a change, as the audit records them. */
export interface Actor {
  /** `discord:<user id>`, or `console:<login>`. */
  id: string;
  /** A name to show: the Discord username, the login. */
  name: string;
}

/** A report as a moderator hands it in: its bytes, its file's name, and metadata if they gave any. */
export interface ReportDraft {
  bytes: Uint8Array;
  /** The name the file came with (an attachment's, a path's last part). */
  filename: string;
  title?: string;
  source?: string;
  date?: string;
  language?: string;
}

/** What adding a report would write, and what the corpus would then hold. */
export interface AddPlan {
  file: string;
  sidecar: string;
  bytes: Uint8Array;
  sidecarBytes: Uint8Array;
  /** Of the bytes written. */
  sha256: string;
  /** The report as the loader reads it beside the rest of the corpus. */
  article: Article;
  /** Against the corpus the bot answers from now. */
  changes: CorpusChanges;
}

export type AddCheck =
  | { ok: true; plan: AddPlan }
  | { ok: false; reason: 'invalid'; problems: CorpusProblem[] }
  | { ok: false; reason: 'duplicate'; existing: { id: string | null; title: string | null; file: string } };

/** What removing an article would move, where to, and what the corpus would lose. */
export interface RemovePlan {
  article: Article;
  /** Its page (`file`) and sidecar, if it has one, in the order they are moved. */
  files: string[];
  file: string;
  /** The folder of removed-reports they go to, relative to the corpus folder. */
  folder: string;
  passagesRemoved: number;
  /** Speakers quoted in this article only. */
  speakersRemoved: string[];
}

export type RemoveCheck = { ok: true; plan: RemovePlan } | { ok: false; reason: 'invalid'; problems: CorpusProblem[] };

export type Change = { kind: 'add'; draft: ReportDraft; plan: AddPlan } | { kind: 'remove'; articleId: string; plan: RemovePlan };

export interface Pending {
  id: string;
  by: Actor;
  change: Change;
  expiresAt: number;
}

export type Decision =
  | { ok: true; kind: 'add'; plan: AddPlan; reload: ReloadOutcome }
  | { ok: true; kind: 'remove'; plan: RemovePlan; reload: ReloadOutcome }
  | { ok: true; kind: 'cancelled'; change: Change }
  | { ok: false; reason: 'expired' }
  | { ok: false; reason: 'not_yours'; owner: Actor }
  | { ok: false; reason: 'running'; by: string; what: string }
  | { ok: false; reason: 'invalid'; problems: CorpusProblem[] }
  | { ok: false; reason: 'duplicate'; existing: { id: string | null; title: string | null; file: string } }
  | { ok: false; reason: 'reload_failed'; kind: 'add' | 'remove'; file: string; reload: ReloadOutcome }
  | { ok: false; reason: 'write_failed'; message: string };

export interface CorpusManagerOptions {
  /** Reloads every shard (the bot) or this process (the console). */
  reload: () => Promise<ReloadOutcome>;
  /** How long a prepared change waits for its confirmation. */
  confirmTtlMs: number;
  /** Told of every audit entry (the bot logs them). */
  onAudit?: (entry: AuditEntry) => void;
  now?: () => number;
}

// At most this many changes wait for confirmation (each holds a report of up to 4 MB); a
// moderator has one at a time: a new preview replaces theirs.
const MAX_PENDING = 20;
const BOOT = randomBytes(4).toString('hex');

export class CorpusManager {
  private readonly pending = new Map<string, Pending>();
  private count = 0;
  private running: { by: string; what: string } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly live: LiveCorpus,
    readonly dir: string,
    private readonly options: CorpusManagerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get confirmTtlMs(): number {
    return this.options.confirmTtlMs;
  }

  /** Checks a report as the loader would and reads it beside the corpus; nothing is written. */
  async checkAdd(draft: ReportDraft, by: Actor, at = new Date(this.now())): Promise<AddCheck> {
    const given = basename(draft.filename.replace(/\\/g, '/'));
    if (!/\.txt$/i.test(given)) return { ok: false, reason: 'invalid', problems: [{ file: given, message: 'only a .txt page can be added: save the report as UTF-8 text with a .txt name' }] };
    const decoded = decodePage(draft.bytes, given);
    if ('message' in decoded) return { ok: false, reason: 'invalid', problems: [decoded] };

    const existing = await this.findSameText(decoded.text);
    if (existing) return { ok: false, reason: 'duplicate', existing };

    const stem = await this.freeStem(given);
    const file = `${stem}.txt`;
    const sidecar = `${stem}.json`;
    const derived = deriveMeta(decoded.text, stem, file);
    const date = draft.date ?? derived.date;
    if (!date) return { ok: false, reason: 'invalid', problems: [{ file: given, message: 'no date found in the report: give its date, e.g. date:2025-01-17' }] };
    const metadata = {
      title: draft.title ?? derived.title,
      source: draft.source ?? derived.source,
      date,
      language: (draft.language ?? derived.language) as Language,
      added: { by: `${by.name} (${by.id})`, at: at.toISOString() },
    } satisfies Sidecar;
    const parsed = sidecarSchema.safeParse(metadata);
    if (!parsed.success) return { ok: false, reason: 'invalid', problems: [{ file: given, message: `metadata: ${describeZodError(parsed.error)}` }] };
    const sidecarBytes = new TextEncoder().encode(`${JSON.stringify(parsed.data, null, 2)}\n`);

    // The dry run: the corpus as it would be, read by the loader itself, in slices (the bot keeps
    // answering) and bounded like a reload (a disk that stopped answering).
    const abandon = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const seconds = this.live.reloadTimeoutMs / 1000;
    const late = new Promise<LoadResult>((resolve) => {
      timer = setTimeout(() => {
        abandon.abort();
        resolve({ ok: false, errors: [{ file: this.dir, message: `reading the corpus folder took longer than ${seconds} s; check that it can be read, then try again` }] });
      }, this.live.reloadTimeoutMs);
    });
    const extraFiles = new Map([
      [file, draft.bytes],
      [sidecar, sidecarBytes],
    ]);
    const result = await Promise.race([loadCorpus(this.dir, { extraFiles, yieldBetweenArticles: true, signal: abandon.signal }), late]).finally(() => clearTimeout(timer));
    if (!result.ok) return { ok: false, reason: 'invalid', problems: result.errors.map((e) => (e.file === file ? { ...e, file: given } : e)) };
    const article = result.corpus.articles.find((a) => a.meta.file === file)!;
    return { ok: true, plan: { file, sidecar, bytes: draft.bytes, sidecarBytes, sha256: sha256(draft.bytes), article, changes: diff(this.live.index.corpus, result.corpus) } };
  }

  /** Prepares an add: checked, then waiting for `by` to confirm it. */
  async prepareAdd(draft: ReportDraft, by: Actor): Promise<AddCheck & { pending?: Pending }> {
    const check = await this.checkAdd(draft, by);
    if (!check.ok) return check;
    return { ...check, pending: this.wait(by, { kind: 'add', draft, plan: check.plan }) };
  }

  /** Checks that an article can be removed: its files are there, and the corpus would not be empty. */
  async checkRemove(articleId: string, at = new Date(this.now())): Promise<RemoveCheck> {
    const { corpus } = this.live.index;
    const article = corpus.articles.find((a) => a.meta.id === articleId);
    const refuse = (file: string, message: string): RemoveCheck => ({ ok: false, reason: 'invalid', problems: [{ file, message }] });
    if (!article) return refuse(articleId, 'no such article in the corpus (any more): /corpus list shows what there is');
    const file = article.meta.file;
    if (corpus.articles.length === 1) return refuse(file, 'it is the only article: the corpus cannot be empty; add another report first');
    if (!(await exists(join(this.dir, file)))) return refuse(file, 'its page is no longer in the corpus folder (moved on the host?); /reload to see the folder as it is');
    const sidecar = `${basename(file, '.txt')}.json`;
    // The sidecar first: a page without one still loads, a sidecar without its page does not.
    const files = [...((await exists(join(this.dir, sidecar))) ? [sidecar] : []), file];
    const stamp = at.toISOString().replace(/[:.]/g, '-');
    let folder = join(REMOVED_FOLDER, `${stamp}_${basename(file, '.txt')}`);
    for (let n = 2; await exists(join(this.dir, folder)); n++) folder = join(REMOVED_FOLDER, `${stamp}_${basename(file, '.txt')}-${n}`);
    const quoted = (a: Article) => new Set(a.passages.flatMap((p) => (p.attribution ? [p.attribution.speaker] : [])));
    const others = new Set(corpus.articles.filter((a) => a !== article).flatMap((a) => [...quoted(a)]));
    return { ok: true, plan: { article, files, file, folder, passagesRemoved: article.passages.length, speakersRemoved: [...quoted(article)].filter((name) => !others.has(name)) } };
  }

  /** Prepares a removal: checked, then waiting for `by` to confirm it. */
  async prepareRemove(articleId: string, by: Actor): Promise<RemoveCheck & { pending?: Pending }> {
    const check = await this.checkRemove(articleId);
    if (!check.ok) return check;
    return { ...check, pending: this.wait(by, { kind: 'remove', articleId, plan: check.plan }) };
  }

  /** The change still waiting under this id, if any. */
  pendingChange(id: string): Pending | null {
    this.sweep();
    return this.pending.get(id) ?? null;
  }

  /**
   * Makes the change `by` prepared. Decided at once, before anything is awaited: whether it is
   * theirs, still waiting, and whether another change is running.
   */
  async confirm(id: string, by: Actor): Promise<Decision> {
    const pending = this.pendingChange(id);
    if (!pending) return { ok: false, reason: 'expired' };
    if (pending.by.id !== by.id) return { ok: false, reason: 'not_yours', owner: pending.by };
    if (this.running) return { ok: false, reason: 'running', ...this.running };
    const what = `${pending.change.kind} ${pending.change.plan.file}`;
    this.running = { by: by.name, what };
    try {
      const lock = await takeLock(this.dir, { by: by.name, what });
      if (!lock.ok) return { ok: false, reason: 'running', by: lock.holder.by, what: lock.holder.what };
      try {
        this.pending.delete(id);
        const { change } = pending;
        return change.kind === 'add' ? await this.commitAdd(change.draft, by) : await this.commitRemove(change.articleId, by);
      } finally {
        await lock.release();
      }
    } finally {
      this.running = null;
    }
  }

  cancel(id: string, by: Actor): Decision {
    const pending = this.pendingChange(id);
    if (!pending) return { ok: false, reason: 'expired' };
    if (pending.by.id !== by.id) return { ok: false, reason: 'not_yours', owner: pending.by };
    this.pending.delete(id);
    return { ok: true, kind: 'cancelled', change: pending.change };
  }

  /** /reload, serialised with the changes and audited. */
  async reload(by: Actor): Promise<ReloadOutcome> {
    if (this.running) return { ok: false, reason: 'running' };
    this.running = { by: by.name, what: 'reload' };
    try {
      const lock = await takeLock(this.dir, { by: by.name, what: 'reload' });
      if (!lock.ok) return { ok: false, reason: 'running' };
      try {
        const outcome = await this.options.reload();
        await this.audit(by, { action: 'reload', outcome: outcome.ok ? 'ok' : outcome.reason, ...(outcome.ok ? {} : { detail: reloadTrouble(outcome) }) });
        return outcome;
      } finally {
        await lock.release();
      }
    } finally {
      this.running = null;
    }
  }

  private async commitAdd(draft: ReportDraft, by: Actor): Promise<Decision> {
    await removeLeftovers(this.dir);
    // Checked again under the lock: the folder may have changed since the preview.
    const check = await this.checkAdd(draft, by);
    if (!check.ok) return check;
    const { plan } = check;
    try {
      await writeAtomically(this.dir, plan.file, plan.bytes);
      try {
        await writeAtomically(this.dir, plan.sidecar, plan.sidecarBytes);
      } catch (error) {
        await this.unlinkAll([plan.file]);
        throw error;
      }
    } catch (error) {
      return { ok: false, reason: 'write_failed', message: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
    const entry = { article: plan.article.meta.id, files: [plan.file, plan.sidecar], sha256: plan.sha256 };
    await this.audit(by, { action: 'add', ...entry });
    const reload = await this.options.reload();
    if (!reload.ok) {
      // The sidecar first: a page without one still loads, a sidecar without its page does not.
      await this.unlinkAll([plan.sidecar, plan.file]);
      await this.audit(by, { action: 'undo-add', ...entry, outcome: reload.reason, detail: reloadTrouble(reload) });
      return { ok: false, reason: 'reload_failed', kind: 'add', file: plan.file, reload };
    }
    return { ok: true, kind: 'add', plan, reload };
  }

  private async commitRemove(articleId: string, by: Actor): Promise<Decision> {
    await removeLeftovers(this.dir);
    const check = await this.checkRemove(articleId);
    if (!check.ok) return check;
    const { plan } = check;
    const page = await readFile(join(this.dir, plan.file));
    try {
      await moveFiles(this.dir, plan.files, plan.folder);
    } catch (error) {
      await this.moveBack(plan);
      return { ok: false, reason: 'write_failed', message: (error as NodeJS.ErrnoException).code ?? String(error) };
    }
    const entry = { article: articleId, files: plan.files.map((f) => join(plan.folder, f)), sha256: sha256(page) };
    await this.audit(by, { action: 'remove', ...entry });
    const reload = await this.options.reload();
    if (!reload.ok) {
      await this.moveBack(plan);
      await this.audit(by, { action: 'undo-remove', ...entry, outcome: reload.reason, detail: reloadTrouble(reload) });
      return { ok: false, reason: 'reload_failed', kind: 'remove', file: plan.file, reload };
    }
    return { ok: true, kind: 'remove', plan, reload };
  }

  /** Puts a removal's files back, the page first. */
  private async moveBack(plan: RemovePlan): Promise<void> {
    for (const name of [...plan.files].reverse()) {
      if (await exists(join(this.dir, plan.folder, name))) await rename(join(this.dir, plan.folder, name), join(this.dir, name));
    }
    await rmdir(join(this.dir, plan.folder)).catch(() => {});
    await syncFolder(this.dir);
  }

  private async unlinkAll(names: string[]): Promise<void> {
    for (const name of names) await unlink(join(this.dir, name)).catch(() => {});
    await syncFolder(this.dir);
  }

  private async audit(by: Actor, entry: Omit<AuditEntry, 'at' | 'by'>): Promise<void> {
    const full: AuditEntry = { at: new Date(this.now()).toISOString(), by: { id: by.id, name: by.name }, ...entry };
    this.options.onAudit?.(full);
    try {
      await appendAudit(this.dir, full);
    } catch (error) {
      this.options.onAudit?.({ ...full, outcome: 'not recorded', detail: `the audit file cannot be written: ${(error as NodeJS.ErrnoException).code ?? error}` });
    }
  }

  private wait(by: Actor, change: Change): Pending {
    this.sweep();
    for (const [id, p] of this.pending) if (p.by.id === by.id) this.pending.delete(id);
    const pending: Pending = { id: `${BOOT}${(++this.count).toString(36)}`, by, change, expiresAt: this.now() + this.options.confirmTtlMs };
    this.pending.set(pending.id, pending);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return pending;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, p] of this.pending) if (now > p.expiresAt) this.pending.delete(id);
  }

  /** The page of the folder whose text is this one, with its article if the bot has loaded it. */
  private async findSameText(text: string): Promise<{ id: string | null; title: string | null; file: string } | null> {
    const wanted = sha256(new TextEncoder().encode(text));
    const root = await realpath(this.dir);
    for (const name of (await readdir(this.dir)).filter((n) => n.endsWith('.txt')).sort()) {
      const bytes = await readCorpusFile(this.dir, root, name);
      if ('message' in bytes) continue;
      const decoded = decodePage(bytes, name);
      if ('message' in decoded || sha256(new TextEncoder().encode(decoded.text)) !== wanted) continue;
      const article = this.live.index.corpus.articles.find((a) => a.meta.file === name);
      return { id: article?.meta.id ?? null, title: article?.meta.title ?? null, file: name };
    }
    return null;
  }

  /** A file name for the report from the one it came with: safe characters, not yet taken. */
  private async freeStem(given: string): Promise<string> {
    const base =
      basename(given, given.slice(-4))
        .normalize('NFKC')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
        .slice(0, 56) || 'report';
    const ids = new Set(this.live.index.corpus.articles.map((a) => a.meta.id));
    for (let n = 1; ; n++) {
      const stem = n === 1 ? base : `${base}-${n}`;
      if (ids.has(stem)) continue;
      if (await exists(join(this.dir, `${stem}.txt`))) continue;
      if (await exists(join(this.dir, `${stem}.json`))) continue;
      return stem;
    }
  }
}

/** Why a reload did not go through, in a line. */
export function reloadTrouble(outcome: ReloadOutcome): string {
  if (outcome.ok) return 'ok';
  if (outcome.reason === 'running') return 'a reload was already running';
  if (outcome.reason === 'timeout') return `did not finish within ${outcome.seconds} s`;
  return outcome.errors.map(formatProblem).join('; ');
}
