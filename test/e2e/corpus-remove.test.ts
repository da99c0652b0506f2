/**
 * /corpus remove end to end: a confirmation only its moderator can give; the article's files
 * moved (never deleted) into the removed-reports folder, which the loader ignores; the corpus
 * reloaded; and restored by moving the files back and reloading, as the README says.
 */
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/corpus/files.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { CORPUS_DIR, tempDir } from '../helpers.ts';
import { validateMessage, type InteractionRecord } from './fake-discord.ts';
import { MANAGE_GUILD, startHarness, str, sub, type Harness } from './harness.ts';

const MOD_A = '620000000000000001';
const MOD_B = '620000000000000002';
const MEMBER = '620000000000000009';

const NOTE = '科技簡報：數據流通\n\n香港文匯報訊（記者 李明）簡報昨日發布。研究員何一明表示，數據流通進展良好。\n';
const SIDECAR = { title: '科技簡報：數據流通', source: '香港文匯報', date: '2025-01-19', language: 'zh-Hant' };

let corpusDir: string;
let h: Harness;
beforeAll(async () => {
  corpusDir = tempDir();
  cpSync(CORPUS_DIR, corpusDir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  writeFileSync(join(corpusDir, 'note.txt'), NOTE);
  writeFileSync(join(corpusDir, 'note.json'), JSON.stringify(SIDECAR));
  writeFileSync(join(corpusDir, 'other.txt'), '另一簡報：數據\n\n香港文匯報訊（記者 李明）簡報發布。研究員何二明表示，數據要流通。\n');
  h = await startHarness({ CORPUS_DIR: corpusDir });
});
afterAll(async () => {
  await h?.stop();
});

function expectWellFormed(i: InteractionRecord): void {
  for (const r of i.responses) {
    if (r.type === 5 || r.type === 6 || r.type === 8) continue;
    expect(validateMessage(r.data)).toEqual([]);
    expect(r.data.allowed_mentions).toEqual({ parse: [] });
  }
}
const buttons = (i: InteractionRecord) => i.shown!.components[0].components as { label: string; style: number; custom_id: string }[];

async function remove(article: string, userId = MOD_A, permissions = MANAGE_GUILD) {
  const i = h.fake.command({ name: 'corpus', options: [sub('remove', str('article', article))], userId, permissions });
  await i.waitFor(permissions === '0' ? 1 : 2);
  expectWellFormed(i);
  return i;
}
async function press(on: InteractionRecord, which: 'Remove' | 'Cancel', userId = MOD_A) {
  const i = h.fake.press(on, buttons(on).find((b) => b.label === which)!.custom_id, userId, MANAGE_GUILD);
  await i.waitFor(which === 'Remove' ? 2 : 1, 15_000);
  expectWellFormed(i);
  return i;
}
const who = async (speaker: string) => {
  const i = h.fake.command({ name: 'who', options: [str('speaker', speaker)] });
  await i.waitFor(1);
  return i.shown!.embeds[0] as { title: string; description?: string };
};

describe('/corpus remove', () => {
  it('asks first, showing what would go; Cancel and other people change nothing', async () => {
    const i = await remove('note');
    const embed = i.shown!.embeds[0];
    expect(embed.title).toBe('Remove from the corpus? 科技簡報：數據流通');
    expect(embed.description).toMatch(/^Nothing is moved yet\. Removing it moves note\.json, note\.txt into removed-reports\/\S+\\_note in the corpus folder \(nothing is deleted\)/);
    const would = embed.fields.find((f: { name: string }) => f.name === 'Would change').value;
    expect(would).toBe('passages -3; speakers -1 (何一明)');
    expect(buttons(i).map((b) => [b.label, b.style])).toEqual([
      ['Remove', 4],
      ['Cancel', 2],
    ]);
    const other = await press(i, 'Remove', MOD_B);
    expect(other.responses[1]!.data.embeds[0].description).toContain('who asked for this change, can confirm or cancel it');
    const no = await press(i, 'Cancel');
    expect(no.shown!.embeds[0].description).toBe('Cancelled: nothing was moved.');
    expect(existsSync(join(corpusDir, 'note.txt'))).toBe(true);
    expect((await who('何一明')).title).toBe('What 何一明 said');

    const member = await remove('note', MEMBER, '0');
    expect(member.shown!.embeds[0].description).toContain('Only moderators');
  });

  it('moves the files into removed-reports, reloads, and the article is gone', async () => {
    const i = await remove('note');
    const yes = await press(i, 'Remove');
    const embed = yes.shown!.embeds[0];
    expect(yes.shown!.components).toEqual([]);
    expect(embed.title).toBe('Removed from the corpus: 科技簡報：數據流通');
    expect(embed.description).toContain('Articles +0 / -1 (note)');
    expect(embed.description).toContain('To restore it, move the files back into the corpus folder and /reload.');
    const [folder] = readdirSync(join(corpusDir, 'removed-reports'));
    expect(folder).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z_note$/);
    expect(readdirSync(join(corpusDir, 'removed-reports', folder!)).sort()).toEqual(['note.json', 'note.txt']);
    expect(readFileSync(join(corpusDir, 'removed-reports', folder!, 'note.txt'), 'utf8')).toBe(NOTE);
    expect(existsSync(join(corpusDir, 'note.txt')) || existsSync(join(corpusDir, 'note.json'))).toBe(false);
    expect((await who('何一明')).description).toContain('No speaker called "何一明"');

    // The loader ignores the folder of removed reports.
    const loaded = await loadCorpus(corpusDir);
    expect(loaded.ok && loaded.corpus.articles.map((a) => a.meta.id).sort()).toEqual(['other', 'wenweipo-2025-01-17']);
    const entry = (await readAudit(corpusDir)).find((e) => e.action === 'remove')!;
    expect(entry).toMatchObject({ by: { id: `discord:${MOD_A}` }, article: 'note', files: [`removed-reports/${folder}/note.json`, `removed-reports/${folder}/note.txt`] });
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is restored by moving the files back and reloading', async () => {
    const [folder] = readdirSync(join(corpusDir, 'removed-reports'));
    for (const name of ['note.txt', 'note.json']) renameSync(join(corpusDir, 'removed-reports', folder!, name), join(corpusDir, name));
    const reload = h.fake.command({ name: 'reload', userId: MOD_A, permissions: MANAGE_GUILD });
    await reload.waitFor(2);
    expect(reload.shown!.embeds[0].description).toContain('Articles +1 (note)');
    expect((await who('何一明')).title).toBe('What 何一明 said');
  });

  it('autocompletes the article, and refuses one that is not there', async () => {
    const typed = h.fake.autocomplete({ name: 'corpus', options: [sub('remove', str('article', 'oth', true))], userId: MOD_A, permissions: MANAGE_GUILD });
    const [r] = await typed.waitFor(1);
    expect(r!.data.choices).toEqual([{ name: '另一簡報：數據 (other)', value: 'other' }]);
    const none = await remove('nothing-like-it');
    expect(none.shown!.embeds[0].description).toContain('No article "nothing-like-it" in the corpus.');
  });
});
