/**
 * /corpus end to end, the real client against the fake Discord: moderators list the articles
 * and see what the bot understood of one; nobody else can, and not in another server.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_DIR, tempDir } from '../helpers.ts';
import { validateMessage, type InteractionRecord } from './fake-discord.ts';
import { MANAGE_GUILD, OTHER_GUILD, startHarness, str, sub, type Harness } from './harness.ts';

const MODERATOR = '600000000000000001';
const MEMBER = '600000000000000002';

/** Every message the bot sent for an interaction passed Discord's checks and pinged nobody. */
function expectWellFormed(i: InteractionRecord): void {
  for (const r of i.responses) {
    if (r.type === 8 || r.type === 5 || r.type === 6) continue;
    expect(validateMessage(r.data)).toEqual([]);
    expect(r.data.allowed_mentions).toEqual({ parse: [] });
  }
}

let corpusDir: string;
let h: Harness;

/** A short report of its own: a headline and one quoted sentence. */
function note(n: number): string {
  return `科技簡報第${n}號：數據流通\n\n香港文匯報訊（記者 李明）簡報昨日發布。研究員何${'一二三四五六七八九十'[n % 10]}明表示，數據流通第${n}期進展良好。\n`;
}

beforeAll(async () => {
  corpusDir = tempDir();
  cpSync(CORPUS_DIR, corpusDir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  for (let n = 1; n <= 11; n++) writeFileSync(join(corpusDir, `note-${String(n).padStart(2, '0')}.txt`), note(n));
  h = await startHarness({ CORPUS_DIR: corpusDir });
});
afterAll(async () => {
  await h?.stop();
});

const corpus = (options: Parameters<typeof sub>, extra: { userId?: string; permissions?: string; guildId?: string } = {}) =>
  h.fake.command({ name: 'corpus', options: [sub(...options)], userId: MODERATOR, permissions: MANAGE_GUILD, ...extra });

describe('/corpus list', () => {
  it('lists every article, ten a page, ephemerally, with page buttons', async () => {
    const i = corpus(['list']);
    await i.waitFor(2);
    expect(i.responses[0]).toMatchObject({ kind: 'callback', type: 5, data: { flags: 64 } });
    expectWellFormed(i);
    const embed = i.shown!.embeds[0];
    expect(embed.title).toBe('The corpus: 12 articles');
    expect(embed.description).toContain('12 articles, ');
    expect(embed.fields).toHaveLength(10);
    expect(embed.fields[0]).toEqual({
      name: '梁振英：聯盟將為全球數字經濟提供制度保障',
      value: 'wenweipo-2025-01-17 · 000\\_f273cfefe06868c5.txt · 香港文匯報 · 2025-01-17 · zh-Hant · 84 passages · 7 speakers',
    });
    expect(embed.footer.text).toContain('page 1 of 2');
    const [previous, next] = i.shown!.components[0].components;
    expect(previous.disabled).toBe(true);

    const press = h.fake.press(i, next.custom_id, MODERATOR, MANAGE_GUILD);
    const [update] = await press.waitFor(1);
    expect(update!.type).toBe(7);
    expectWellFormed(press);
    expect(update!.data.embeds[0].footer.text).toContain('page 2 of 2');
    expect(update!.data.embeds[0].fields.map((f: { value: string }) => f.value.split(' · ')[0])).toEqual(['note-10', 'note-11']);
    expect(update!.data.components[0].components[1].disabled).toBe(true);
  });
});

describe('/corpus show', () => {
  it('shows what the bot understood of an article: stories, people with roles and passages, figures, warnings', async () => {
    const i = corpus(['show', str('article', 'wenweipo-2025-01-17')]);
    await i.waitFor(2);
    expectWellFormed(i);
    const embed = i.shown!.embeds[0];
    expect(i.shown!.components).toEqual([]);
    expect(embed.title).toBe('Article: 梁振英：聯盟將為全球數字經濟提供制度保障');
    const fields = Object.fromEntries(embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]));
    expect(fields.Passages).toBe('84 passages: 61 with a speaker, 23 narrative, 1 cut off by the page');
    expect(fields['Stories (6)']).toContain('劉光源：港可發揮三方面優勢力促數字經濟 — 13 passages; reporters: 馬翠媚');
    expect(fields['People (7)']).toContain('陳茂波 — 特區政府財政司司長 — 12 passages');
    expect(fields['Figures (10)']).toContain('逾4.2萬宗 — 陳茂波 (wenweipo-2025-01-17#33)');
    expect(fields['Warnings (1)']).toContain('paragraph cut off at the end');
  });

  it('finds an article by a part of its id, and says which there are when it cannot', async () => {
    const part = corpus(['show', str('article', 'note-07')]);
    await part.waitFor(2);
    expect(part.shown!.embeds[0].title).toBe('Article: 科技簡報第7號：數據流通');
    const none = corpus(['show', str('article', 'nothing-like-it')]);
    await none.waitFor(2);
    expectWellFormed(none);
    expect(none.shown!.embeds[0].description).toContain('No article "nothing-like-it" in the corpus. Articles: wenweipo-2025-01-17, note-01');
  });

  it('autocompletes articles by id or title for moderators only', async () => {
    const typed = h.fake.autocomplete({ name: 'corpus', options: [sub('show', str('article', '簡報第1', true))], userId: MODERATOR, permissions: MANAGE_GUILD });
    const [r] = await typed.waitFor(1);
    expect(r!.type).toBe(8);
    expect(r!.data.choices.map((c: { value: string }) => c.value)).toEqual(['note-01', 'note-10', 'note-11']);
    expect(r!.data.choices[0].name).toBe('科技簡報第1號：數據流通 (note-01)');
    const member = h.fake.autocomplete({ name: 'corpus', options: [sub('show', str('article', '', true))], userId: MEMBER });
    const [m] = await member.waitFor(1);
    expect(m!.data.choices).toEqual([]);
  });
});

describe('who may', () => {
  it('refuses a member without Manage Server, and a moderator of another server; buttons too', async () => {
    const member = corpus(['list'], { userId: MEMBER, permissions: '0' });
    await member.waitFor(1);
    expect(member.responses[0]!.type).toBe(4);
    expect(member.shown!.flags).toBe(64);
    expect(member.shown!.embeds[0].description).toBe("Only moderators (Manage Server) in the moderators' server can manage the corpus.");
    const elsewhere = corpus(['show', str('article', 'note-01')], { guildId: OTHER_GUILD });
    await elsewhere.waitFor(1);
    expect(elsewhere.shown!.embeds[0].description).toContain('Only moderators');

    const list = corpus(['list']);
    await list.waitFor(2);
    const press = h.fake.press(list, list.shown!.components[0].components[1].custom_id, MEMBER, '0');
    const [answer] = await press.waitFor(1);
    expect(answer!.type).toBe(4);
    expect(answer!.data.flags).toBe(64);
    expect(answer!.data.embeds[0].description).toContain('Only moderators');
  });

  it('logs one line per /corpus interaction', async () => {
    const line = await h.waitForLog((l) => l.msg === 'interaction' && l.command === 'corpus' && l.outcome === 'forbidden');
    expect(line).toMatchObject({ user: MEMBER, options: { subcommand: 'list' } });
  });
});
