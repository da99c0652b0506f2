/**
 * The corpus manager on its own, with the real loader and a real folder: the names a report is
 * given, a moderator's one waiting change, and removals, refused and undone.
 */
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../src/corpus/files.ts';
import { LiveCorpus, type ReloadOutcome } from '../src/corpus/live.ts';
import { CorpusManager } from '../src/corpus/manage.ts';
import { CORPUS_DIR, tempDir } from './helpers.ts';

const alice = { id: 'console:alice', name: 'alice' };
const report = (person: string) => `數據簡報：新里程\n\n香港文匯報訊（記者 李明）簡報昨日發布。研究員${person}表示，數據流通進展良好。\n`;
const bytes = (text: string) => new TextEncoder().encode(text);

async function setUp(options: { failReload?: () => boolean } = {}) {
  const dir = tempDir();
  cpSync(CORPUS_DIR, dir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  const live = await LiveCorpus.open(dir);
  if (Array.isArray(live)) throw new Error('corpus');
  const reload = (): Promise<ReloadOutcome> => (options.failReload?.() ? Promise.resolve({ ok: false, reason: 'broken', errors: [{ file: 'x.txt', message: 'simulated' }] }) : live.reload());
  return { dir, live, manager: new CorpusManager(live, dir, { reload, confirmTtlMs: 60_000 }) };
}

describe('adding', () => {
  it('names the page after the file it came with, in safe characters, never over another', async () => {
    const { dir, manager } = await setUp();
    const add = async (filename: string, person: string) => {
      const prepared = await manager.prepareAdd({ bytes: bytes(report(person)), filename, date: '2025-01-20' }, alice);
      expect(prepared.ok).toBe(true);
      const decision = await manager.confirm(prepared.pending!.id, alice);
      expect(decision.ok).toBe(true);
      return decision.ok && decision.kind === 'add' ? decision.plan.file : null;
    };
    expect(await add('brief.txt', '何一明')).toBe('brief.txt');
    expect(await add('brief.txt', '何二明')).toBe('brief-2.txt');
    expect(await add('../../etc/passwd.txt', '何三明')).toBe('passwd.txt');
    expect(await add('文匯報 專訊.TXT', '何四明')).toBe('report.txt');
    expect(await add('wenweipo-2025-01-17.txt', '何五明')).toBe('wenweipo-2025-01-17-2.txt');
    expect(
      readdirSync(dir)
        .filter((n) => n.endsWith('.txt'))
        .sort(),
    ).toEqual(['000_f273cfefe06868c5.txt', 'brief-2.txt', 'brief.txt', 'passwd.txt', 'report.txt', 'wenweipo-2025-01-17-2.txt']);
  });

  it('keeps one waiting change per moderator: a new preview replaces the last', async () => {
    const { manager } = await setUp();
    const first = await manager.prepareAdd({ bytes: bytes(report('何一明')), filename: 'a.txt', date: '2025-01-20' }, alice);
    const second = await manager.prepareAdd({ bytes: bytes(report('何二明')), filename: 'b.txt', date: '2025-01-20' }, alice);
    expect(await manager.confirm(first.pending!.id, alice)).toEqual({ ok: false, reason: 'expired' });
    expect(manager.pendingChange(second.pending!.id)).not.toBeNull();
  });
});

describe('removing', () => {
  it('refuses to empty the corpus', async () => {
    const { manager, live } = await setUp();
    const prepared = await manager.prepareRemove(live.index.corpus.articles[0]!.meta.id, alice);
    expect(prepared).toMatchObject({ ok: false, reason: 'invalid', problems: [{ message: expect.stringContaining('the corpus cannot be empty') }] });
  });

  it('moves a page without a sidecar alone; a failed reload puts everything back', async () => {
    let fail = false;
    const { dir, live, manager } = await setUp({ failReload: () => fail });
    writeFileSync(join(dir, 'lone.txt'), report('何六明'));
    await live.reload();
    const lone = await manager.prepareRemove('lone', alice);
    expect(lone.ok && lone.plan.files).toEqual(['lone.txt']);

    fail = true;
    const seed = await manager.prepareRemove('wenweipo-2025-01-17', alice);
    expect(seed.ok && seed.plan.files).toEqual(['000_f273cfefe06868c5.json', '000_f273cfefe06868c5.txt']);
    const decision = await manager.confirm(seed.pending!.id, alice);
    expect(decision).toMatchObject({ ok: false, reason: 'reload_failed', kind: 'remove' });
    expect(existsSync(join(dir, '000_f273cfefe06868c5.txt')) && existsSync(join(dir, '000_f273cfefe06868c5.json'))).toBe(true);
    expect(readdirSync(join(dir, 'removed-reports'))).toEqual([]);
    expect((await readAudit(dir)).map((e) => e.action)).toEqual(['remove', 'undo-remove']);
    expect(live.index.corpus.articles.map((a) => a.meta.id).sort()).toEqual(['lone', 'wenweipo-2025-01-17']);
  });
});
