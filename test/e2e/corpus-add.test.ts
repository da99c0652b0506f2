/**
 * /corpus add end to end, the real client against the fake Discord, which serves attachments
 * on 127.0.0.1 as Discord's CDN would: a preview of what the bot reads in a report, Add / Cancel
 * buttons only its moderator can use, disabled when they expire; the files written whole, the
 * corpus reloaded, the change undone when the reload fails, and audited; everything refused
 * that the loader would refuse, or that is too large, or not from the CDN, or already there.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/corpus/files.ts';
import { LiveCorpus } from '../../src/corpus/live.ts';
import { loadCorpus, type LoadOptions, type LoadResult } from '../../src/corpus/load.ts';
import { CORPUS_DIR, SEED_FILE, tempDir } from '../helpers.ts';
import { validateMessage, type AttachmentPayload, type InteractionRecord } from './fake-discord.ts';
import { MANAGE_GUILD, OTHER_GUILD, seen, startHarness, str, sub, type Harness } from './harness.ts';

const MOD_A = '610000000000000001';
const MOD_B = '610000000000000002';
const MOD_C = '610000000000000003';
const MEMBER = '610000000000000009';
const name = (userId: string) => `user${userId.slice(-4)}`;

const FORUM = `數據論壇：跨境流動迎新里程

香港文匯報訊（記者 李明）第二屆數據論壇昨日在港舉行。創新科技及工業局局長孫東表示，數據跨境流動為香港帶來新機遇，政府會在今年推出逾20項措施。數碼港行政總裁鄭松岩指出，數碼港將支援更多初創企業，並預計吸引三成海外公司落戶。

孫東又說，香港要做好「超級聯繫人」角色。
`;
const report = (n: number, person: string) => `數據簡報第${n}號：新里程\n\n香港文匯報訊（記者 李明）簡報昨日發布。研究員${person}表示，數據流通第${n}期進展良好。\n`;

function expectWellFormed(i: InteractionRecord): void {
  for (const r of i.responses) {
    if (r.type === 5 || r.type === 6 || r.type === 8) continue;
    expect(validateMessage(r.data)).toEqual([]);
    expect(r.data.allowed_mentions).toEqual({ parse: [] });
  }
}

const fieldsOf = (data: Record<string, any>) => Object.fromEntries((data.embeds[0].fields ?? []).map((f: { name: string; value: string }) => [f.name, f.value])) as Record<string, string>;
const buttons = (i: InteractionRecord) => i.shown!.components[0].components as { label: string; custom_id: string; disabled: boolean }[];

let corpusDir: string;
let h: Harness;
/** The next reload waits here until released: a change that is still running. */
let gate: { reached: () => void; release: Promise<void> } | null = null;
let failNextReload = false;

async function load(dir: string, options: LoadOptions): Promise<LoadResult> {
  if (failNextReload) {
    failNextReload = false;
    return { ok: false, errors: [{ file: 'elsewhere.txt', message: 'a problem the reload met' }] };
  }
  const waiting = gate;
  gate = null;
  if (waiting) {
    waiting.reached();
    await waiting.release;
  }
  return loadCorpus(dir, options);
}

beforeAll(async () => {
  corpusDir = tempDir();
  cpSync(CORPUS_DIR, corpusDir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  const live = await LiveCorpus.open(corpusDir, { load, reloadTimeoutMs: 30_000 });
  if (Array.isArray(live)) throw new Error('corpus');
  h = await startHarness({ CORPUS_DIR: corpusDir }, { live });
});
afterAll(async () => {
  await h?.stop();
});

/** /corpus add with an attachment; resolves once the bot has answered (deferred, then the preview). */
async function add(attachment: AttachmentPayload, options: ReturnType<typeof str>[] = [], extra: { userId?: string; permissions?: string; guildId?: string } = {}) {
  const i = h.fake.command({
    name: 'corpus',
    options: [sub('add', { name: 'file', type: 11, value: attachment.id }, ...options)],
    attachments: [attachment],
    userId: MOD_A,
    permissions: MANAGE_GUILD,
    ...extra,
  });
  await i.waitFor(extra.permissions === '0' || extra.guildId ? 1 : 2, 15_000);
  expectWellFormed(i);
  return i;
}

/** A moderator presses a button of the preview; resolves with what the bot answered. */
async function press(on: InteractionRecord, which: 'Add' | 'Cancel', userId = MOD_A, permissions = MANAGE_GUILD, count = which === 'Add' ? 2 : 1) {
  const button = buttons(on).find((b) => b.label === which)!;
  const i = h.fake.press(on, button.custom_id, userId, permissions);
  await i.waitFor(count, 15_000);
  expectWellFormed(i);
  return i;
}

const files = () => readdirSync(corpusDir).sort();

describe('adding a report', () => {
  it('previews what the bot reads in it, writes nothing, and waits for Add or Cancel', async () => {
    const before = files();
    const i = await add(h.fake.attach('forum.txt', FORUM), [str('date', '2025-01-18')]);
    const preview = i.shown!;
    expect(preview.embeds[0].title).toBe('Add to the corpus? 數據論壇：跨境流動迎新里程');
    expect(preview.embeds[0].description).toContain('Nothing is written yet. Adding it writes forum.txt and forum.json into the corpus folder');
    const fields = fieldsOf(preview);
    expect(fields.Report).toBe('數據論壇：跨境流動迎新里程 · 香港文匯報 · 2025-01-18 · zh-Hant · as forum (forum.txt)');
    expect(fields['Would change']).toBe('passages +5; speakers +2 (孫東, 鄭松岩)');
    expect(fields['People (2)']).toContain('孫東 — 創新科技及工業局局長 — 2 passages');
    expect(fields['People (2)']).toContain('鄭松岩 — 數碼港行政總裁 — 1 passage');
    expect(fields['Figures (2)']).toContain('逾20項 — 孫東 (forum#3)');
    expect(fields['Stories (1)']).toContain('數據論壇：跨境流動迎新里程 — 5 passages; reporters: 李明');
    expect(fields['Warnings (0)']).toBe('none');
    expect(buttons(i).map((b) => [b.label, b.disabled])).toEqual([
      ['Add', false],
      ['Cancel', false],
    ]);
    expect(files()).toEqual(before);
    expect(h.fake.downloads.filter((d) => d.path.endsWith('/forum.txt'))).toEqual([expect.objectContaining({ aborted: false })]);

    // Another moderator cannot use the buttons; nor can a member.
    const other = await press(i, 'Add', MOD_B);
    expect(other.responses[1]!.kind).toBe('followup');
    expect(other.responses[1]!.data.flags).toBe(64);
    expect(other.responses[1]!.data.embeds[0].description).toBe(`Only ${name(MOD_A)}, who asked for this change, can confirm or cancel it.`);
    const member = await press(i, 'Add', MEMBER, '0', 1);
    expect(member.responses[0]!.data.embeds[0].description).toContain('Only moderators');
    expect(files()).toEqual(before);

    // Its moderator adds it.
    const yes = await press(i, 'Add');
    expect(yes.responses[0]!.type).toBe(6);
    expect(yes.responses[1]!.kind).toBe('edit');
    const done = yes.shown!;
    expect(done.components).toEqual([]);
    expect(done.embeds[0].title).toBe('Added to the corpus: 數據論壇：跨境流動迎新里程');
    expect(done.embeds[0].description).toContain('Wrote forum.txt and forum.json, then reloaded.');
    expect(done.embeds[0].description).toContain('Reloaded: 2 articles');
    expect(done.embeds[0].description).toContain('Articles +1 (forum)');
    expect(done.embeds[0].description).toContain('speakers +2 (孫東, 鄭松岩)');

    expect(readFileSync(join(corpusDir, 'forum.txt'), 'utf8')).toBe(FORUM);
    const sidecar = JSON.parse(readFileSync(join(corpusDir, 'forum.json'), 'utf8'));
    expect(sidecar).toMatchObject({ title: '數據論壇：跨境流動迎新里程', source: '香港文匯報', date: '2025-01-18', language: 'zh-Hant', added: { by: `${name(MOD_A)} (discord:${MOD_A})` } });
    expect(Date.now() - Date.parse(sidecar.added.at)).toBeLessThan(60_000);
    expect(files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the new speakers answer /who, and /corpus list shows who added it', async () => {
    const who = h.fake.command({ name: 'who', options: [str('speaker', '孫東')] });
    await who.waitFor(1);
    expect(who.shown!.embeds[0].title).toBe('What 孫東 said');
    expect(seen(who.shown!.embeds[0])).toContain('數據跨境流動為香港帶來新機遇');
    const list = h.fake.command({ name: 'corpus', options: [sub('list')], userId: MOD_A, permissions: MANAGE_GUILD });
    await list.waitFor(2);
    const forum = list.shown!.embeds[0].fields.find((f: { value: string }) => f.value.startsWith('forum '));
    expect(forum.value).toContain(`added by ${name(MOD_A)}`);
  });

  it('records the add in the audit file and the log: who, when, what, the content hash', async () => {
    const entry = (await readAudit(corpusDir)).find((e) => e.action === 'add' && e.article === 'forum')!;
    expect(entry).toMatchObject({ by: { id: `discord:${MOD_A}`, name: name(MOD_A) }, files: ['forum.txt', 'forum.json'] });
    expect(entry.sha256).toBe(createHash('sha256').update(FORUM).digest('hex'));
    const logged = await h.waitForLog((l) => l.msg === 'corpus change' && l.audit?.action === 'add');
    expect(logged.audit.article).toBe('forum');
  });

  it('refuses the same content twice, naming the article already there', async () => {
    const again = await add(h.fake.attach('forum-again.txt', FORUM));
    expect(again.shown!.components ?? []).toEqual([]);
    expect(again.shown!.embeds[0].description).toBe('This report is already in the corpus as forum ("數據論壇：跨境流動迎新里程", forum.txt): nothing was added.');
    const seed = await add(h.fake.attach('copy.txt', readFileSync(SEED_FILE)));
    expect(seed.shown!.embeds[0].description).toContain('already in the corpus as wenweipo-2025-01-17 ("梁振英：聯盟將為全球數字經濟提供制度保障", 000\\_f273cfefe06868c5.txt)');
  });

  it('Cancel writes nothing, and the buttons then say the change is gone', async () => {
    const before = files();
    const i = await add(h.fake.attach('brief-1.txt', report(1, '何一明')), [str('date', '2025-01-19')]);
    const no = await press(i, 'Cancel');
    expect(no.responses[0]!.type).toBe(7);
    expect(no.shown!.embeds[0].description).toBe('Cancelled: nothing was written.');
    expect(no.shown!.components).toEqual([]);
    const late = await press(i, 'Add');
    expect(late.responses[1]!.kind).toBe('followup');
    expect(late.responses[1]!.data.embeds[0].description).toContain('This change has expired or was replaced by a newer one');
    expect(files()).toEqual(before);
  });
});

describe('what is refused before anything is written', () => {
  const refused = async (attachment: AttachmentPayload, options: ReturnType<typeof str>[] = []) => {
    const before = files();
    const i = await add(attachment, options);
    expect(i.responses[0]!.data.flags).toBe(64); // deferred ephemerally: the answer is the moderator's alone
    expect(i.shown!.components ?? []).toEqual([]);
    expect(files()).toEqual(before);
    const embed = i.shown!.embeds[0];
    return `${embed.description}\n${(embed.fields ?? []).map((f: { value: string }) => f.value).join('\n')}`;
  };

  it("an empty, a binary and a non-UTF-8 file, with the loader's own words", async () => {
    expect(await refused(h.fake.attach('empty.txt', ''))).toContain('empty.txt: empty file: a page needs some text');
    expect(await refused(h.fake.attach('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])))).toContain('photo.txt:1: binary file (contains a NUL byte)');
    // 資料 in Big5.
    expect(await refused(h.fake.attach('big5.txt', new Uint8Array([0xb8, 0xea, 0xae, 0xc6, 0x0a])))).toContain('big5.txt:1: not valid UTF-8 (byte 0); save the article as UTF-8 text');
    expect(await refused(h.fake.attach('report.pdf', report(2, '何二明')))).toContain('only a .txt page can be added');
  });

  it('metadata the sidecar schema refuses, and a report without a date unless one is given', async () => {
    expect(await refused(h.fake.attach('brief-3.txt', report(3, '何三明')), [str('date', 'yesterday')])).toContain('metadata: date: use an ISO date such as 2025-01-17');
    expect(await refused(h.fake.attach('brief-3.txt', report(3, '何三明')))).toContain('no date found in the report: give its date, e.g. date:2025-01-17');
  });

  it('an oversized file: from the size Discord states, from the Content-Length, and as it arrives', async () => {
    const stated = h.fake.attach('big.txt', report(4, '何四明'), { size: 5 * 1048576 });
    expect(await refused(stated)).toContain('the file is 5.0 MB; a page may be at most 4.0 MB');
    expect(h.fake.downloads.some((d) => d.path.endsWith(`/${stated.id}/big.txt`))).toBe(false);

    const declared = h.fake.attach('big.txt', report(4, '何四明'), { size: 1000, contentLength: 6 * 1048576 });
    expect(await refused(declared)).toContain('the file is 6.0 MB');

    const chunk = new TextEncoder().encode('數據'.repeat(10_923)); // 64 KB
    const growing = h.fake.attach('big.txt', chunk, { size: 1000, contentLength: null, repeat: 320 });
    expect(await refused(growing)).toContain('the file is over 4.0 MB');
    const download = h.fake.downloads.find((d) => d.path.endsWith(`/${growing.id}/big.txt`))!;
    await download.ended;
    expect(download.aborted).toBe(true);
    expect(download.bytesSent).toBeLessThan(320 * chunk.length);
  });

  it("a file that does not come from Discord's attachment host is never fetched", async () => {
    const elsewhere = h.fake.attach('brief-5.txt', report(5, '何五明'));
    const moved = { ...elsewhere, url: elsewhere.url.replace('127.0.0.1', 'localhost') };
    expect(await refused(moved)).toContain("it does not come from Discord's attachment host (127.0.0.1:");
    expect(h.fake.downloads.some((d) => d.path.includes(`/${elsewhere.id}/`))).toBe(false);
  });

  it('a member without Manage Server, and a moderator in another server: refused, nothing downloaded', async () => {
    const attachment = h.fake.attach('brief-6.txt', report(6, '何六明'));
    const member = await add(attachment, [], { userId: MEMBER, permissions: '0' });
    expect(member.shown!.embeds[0].description).toContain('Only moderators');
    const elsewhere = await add(attachment, [], { guildId: OTHER_GUILD });
    expect(elsewhere.shown!.embeds[0].description).toContain('Only moderators');
    expect(h.fake.downloads.some((d) => d.path.includes(`/${attachment.id}/`))).toBe(false);
  });
});

describe('one change at a time', () => {
  it('a second moderator pressing Add while a change runs is told so, and can add when it is done', async () => {
    const first = await add(h.fake.attach('brief-7.txt', report(7, '何七明')), [str('date', '2025-01-20')], { userId: MOD_A });
    const second = await add(h.fake.attach('brief-8.txt', report(8, '何八明')), [str('date', '2025-01-20')], { userId: MOD_B });
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    let release!: () => void;
    gate = { reached, release: new Promise<void>((resolve) => (release = resolve)) };

    const a = h.fake.press(first, buttons(first)[0]!.custom_id, MOD_A, MANAGE_GUILD);
    await held; // A's add has written its files and is reloading
    const b = await press(second, 'Add', MOD_B);
    expect(b.responses[1]!.kind).toBe('followup');
    expect(b.responses[1]!.data.embeds[0].description).toBe(`Another change is running (add brief-7.txt, by ${name(MOD_A)}); try again when it is done.`);
    const reload = h.fake.command({ name: 'reload', userId: MOD_C, permissions: MANAGE_GUILD });
    await reload.waitFor(2);
    expect(reload.shown!.embeds[0].description).toContain('A reload is already running');

    release();
    await a.waitFor(2, 15_000);
    expect(a.shown!.embeds[0].title).toBe('Added to the corpus: 數據簡報第7號：新里程');
    const again = await press(second, 'Add', MOD_B);
    expect(again.shown!.embeds[0].title).toBe('Added to the corpus: 數據簡報第8號：新里程');
    expect(existsSync(join(corpusDir, 'brief-7.txt')) && existsSync(join(corpusDir, 'brief-8.txt'))).toBe(true);
  });

  it('a reload that fails after the files are written undoes the add', async () => {
    const before = files();
    const i = await add(h.fake.attach('brief-9.txt', report(9, '何九明')), [str('date', '2025-01-21')]);
    failNextReload = true;
    const yes = await press(i, 'Add');
    const embed = yes.shown!.embeds[0];
    expect(embed.description).toBe('The corpus did not reload after the change to brief-9.txt, so the change was undone: the bot answers from the corpus as it was.');
    expect(embed.fields[0].value).toBe('elsewhere.txt: a problem the reload met');
    expect(files().filter((f) => f !== 'corpus-audit.jsonl')).toEqual(before.filter((f) => f !== 'corpus-audit.jsonl'));
    const audit = await readAudit(corpusDir);
    expect(audit.filter((e) => e.article === 'brief-9').map((e) => e.action)).toEqual(['add', 'undo-add']);
    const who = h.fake.command({ name: 'who', options: [str('speaker', '何九明')] });
    await who.waitFor(1);
    expect(who.shown!.embeds[0].description).toContain('No speaker called "何九明"');
  });

  it('/reload is audited too', async () => {
    const reload = h.fake.command({ name: 'reload', userId: MOD_C, permissions: MANAGE_GUILD });
    await reload.waitFor(2);
    expect(reload.shown!.embeds[0].description).toContain('Reloaded');
    const entries = (await readAudit(corpusDir)).filter((e) => e.action === 'reload');
    expect(entries.at(-1)).toMatchObject({ by: { id: `discord:${MOD_C}` }, outcome: 'ok' });
  });
});

describe('expiry', () => {
  let short: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    cpSync(CORPUS_DIR, dir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
    short = await startHarness({ CORPUS_DIR: dir, CORPUS_CONFIRM_SECONDS: '1' });
  });
  afterAll(async () => {
    await short?.stop();
  });

  it('disables the buttons when the change expires; a late press writes nothing', async () => {
    const attachment = short.fake.attach('late.txt', FORUM);
    const i = short.fake.command({
      name: 'corpus',
      options: [sub('add', { name: 'file', type: 11, value: attachment.id }, str('date', '2025-01-18'))],
      attachments: [attachment],
      userId: MOD_A,
      permissions: MANAGE_GUILD,
    });
    await i.waitFor(3, 15_000); // deferred, the preview, then the preview with its buttons disabled
    expectWellFormed(i);
    expect(i.responses[2]!.kind).toBe('edit');
    expect(buttons(i).map((b) => b.disabled)).toEqual([true, true]);
    expect(i.shown!.embeds[0].description).toContain('These buttons have expired: nothing was changed.');
    const late = short.fake.press(i, buttons(i)[0]!.custom_id, MOD_A, MANAGE_GUILD);
    await late.waitFor(2);
    expect(late.responses[1]!.data.embeds[0].description).toContain('This change has expired');
    expect(existsSync(join(dir, 'late.txt'))).toBe(false);
  });
});
