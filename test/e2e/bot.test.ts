/**
 * The bot end to end: the real discord.js client against the fake Discord, which refuses
 * anything the real one would (limits, naming rules, late or double answers).
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { deployCommands } from '../../src/deploy.ts';
import { CORPUS_DIR, FIXTURES, tempDir } from '../helpers.ts';
import { validateMessage, type InteractionRecord } from './fake-discord.ts';
import { ADMIN_GUILD, MANAGE_GUILD, OTHER_GUILD, quotesOf, seen, TOKEN, startHarness, str, type Harness } from './harness.ts';

/** Everything the bot sent for an interaction passed Discord's checks and pinged nobody. */
function expectWellFormed(i: InteractionRecord): void {
  for (const r of i.responses) {
    if (r.type === 8 || r.type === 5) continue;
    expect(validateMessage(r.data)).toEqual([]);
    expect(r.data.allowed_mentions).toEqual({ parse: [] });
  }
}

/** The quotes of the first page the user sees. */
const quotes = (i: InteractionRecord) => quotesOf(i.shown?.embeds?.[0]);

let corpusDir: string;
let h: Harness;

beforeAll(async () => {
  corpusDir = tempDir();
  cpSync(CORPUS_DIR, corpusDir, { recursive: true, filter: (from) => !from.endsWith('corpus-audit.jsonl') });
  h = await startHarness({ CORPUS_DIR: corpusDir }, { pageTtlMs: 1500 });
});
afterAll(async () => {
  await h?.stop();
});

describe('slash commands', () => {
  it('/ask quotes the passage verbatim as a block quote, under its speaker, role, source, date and story; matched words in bold', async () => {
    const i = h.fake.command({ name: 'ask', options: [str('query', '數據跨境 流動')] });
    await i.waitFor(1);
    expectWellFormed(i);
    expect(i.responses[0]!.type).toBe(4);
    const embed = i.shown!.embeds[0];
    expect(embed.title).toBe('Answers: 數據跨境 流動');
    const [first] = quotes(i);
    expect(first!.n).toBe(1);
    expect(first!.speaker).toBe('**陳茂波** · 特區政府財政司司長');
    expect(first!.source).toBe('*香港文匯報 · 2025-01-17 · 國際數據產業聯盟成立 跨境數據香港站簽備忘*');
    expect(first!.text).toContain('促進粵港澳大灣區的**數據跨境流動**，並在同年12月');
    // No brackets added around the quote, no passage id, no timing.
    expect(first!.text.startsWith('陳茂波又指')).toBe(true);
    expect(embed.description).not.toContain('wenweipo-2025-01-17#');
    expect(embed.footer.text).toMatch(/^\d+ results$/);
  });

  it('an English question finds the Chinese passage: an office is its holder, the notice names words no report has', async () => {
    const i = h.fake.command({ name: 'ask', options: [str('query', 'what did the financial secretary say about open data')] });
    await i.waitFor(1);
    expectWellFormed(i);
    expect(quotes(i)[0]!.speaker).toBe('**陳茂波** · 特區政府財政司司長');
    expect(quotes(i)[0]!.text).toContain('**開放數據**政策');
    const busy = h.fake.command({ name: 'ask', options: [str('query', 'How busy is the supercomputing centre?')] });
    await busy.waitFor(1);
    expect(busy.shown!.embeds[0].description).toContain('Not in the reports, in either language: busy.');
    expect(quotes(busy)[0]!.text).toContain('人工智能**超算中心**');
  });

  it('/who with a speaker in any form, a topic, or both', async () => {
    const both = h.fake.command({ name: 'who', options: [str('speaker', 'CY Leung'), str('topic', '隱私')] });
    await both.waitFor(1);
    expectWellFormed(both);
    expect(both.shown!.embeds[0].title).toBe('What 梁振英 said about 隱私');
    expect(quotes(both).length).toBeGreaterThan(1);
    expect(quotes(both).every((q) => q.speaker.startsWith('**梁振英**'))).toBe(true);
    // One attribution for all of his passages.
    expect(both.shown!.embeds[0].description.split('**梁振英**').length - 1).toBe(1);
    expect(quotes(both)[0]!.text).toContain('**隱私**');

    const topic = h.fake.command({ name: 'who', options: [str('topic', '量子')] });
    await topic.waitFor(1);
    expect(quotes(topic)[0]!.speaker).toContain('張洪海');

    const neither = h.fake.command({ name: 'who' });
    await neither.waitFor(1);
    expectWellFormed(neither);
    expect(neither.shown!.flags).toBe(64);
    expect(neither.shown!.embeds[0].description).toContain('Give a speaker, a topic, or both');
  });

  it('/trends, /stats, /speakers, /about and /help answer within the limits', async () => {
    for (const name of ['trends', 'stats', 'speakers', 'about', 'help']) {
      const i = h.fake.command({ name });
      await i.waitFor(1);
      expectWellFormed(i);
      expect(quotesOf(i.shown!.embeds[0]).length + (i.shown!.embeds[0].fields?.length ?? 0), name).toBeGreaterThan(0);
    }
    const trends = h.fake.command({ name: 'trends' });
    await trends.waitFor(1);
    expect(trends.shown!.embeds[0].description).toContain('2025年數字經濟十大展望 — presented by 張洪海 (10 items)');
    // The ten outlooks on one page, numbered, the presenter named once.
    expect(quotes(trends).map((q) => q.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(trends.shown!.embeds[0].description.split('**張洪海**').length - 1).toBe(1);
    expect(trends.shown!.components ?? []).toEqual([]);
    const stats = h.fake.command({ name: 'stats', options: [str('topic', '贷款')] });
    await stats.waitFor(1);
    expect(quotes(stats)[0]!.speaker).toBe('**陳茂波** · 特區政府財政司司長');
    expect(quotes(stats)[0]!.text).toMatch(/^`逾4\.2萬宗` /);
    expect(quotes(stats)[0]!.text).toContain('**逾4.2萬宗貸款**');
  });

  it("/help lists the moderators' commands only to a moderator, as Discord hides them from others", async () => {
    const labels = async (permissions?: string) => {
      const i = h.fake.command({ name: 'help', guildId: ADMIN_GUILD, ...(permissions ? { permissions } : {}) });
      await i.waitFor(1);
      return (i.shown!.embeds as { fields: { name: string }[] }[]).flatMap((e) => e.fields.map((f) => f.name));
    };
    const member = await labels();
    expect(member).toContain('/ask');
    expect(member).not.toContain('/reload');
    expect(member).not.toContain('/corpus');
    const moderator = await labels(MANAGE_GUILD);
    expect(moderator).toEqual(expect.arrayContaining(['/ask', '/reload', '/corpus']));
    // Registered (by the deploy script) with default_member_permissions, so Discord shows them only to Manage Server.
    const read = readConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: h.fake.apiUrl, DISCORD_APPLICATION_ID: '111111111111111111', DISCORD_ADMIN_GUILD_ID: ADMIN_GUILD });
    if (!read.ok) throw new Error(read.problems.join('; '));
    await deployCommands(read.config);
    const registered = [...h.fake.commands.values()].flat();
    for (const name of ['reload', 'corpus']) expect(registered.find((c) => c.name === name)?.default_member_permissions).toBe(MANAGE_GUILD);
    expect(registered.find((c) => c.name === 'ask')?.default_member_permissions ?? null).toBeNull();
  });

  it('a bad option value gets an ephemeral explanation', async () => {
    const i = h.fake.command({ name: 'who', options: [str('speaker', '王五')] });
    await i.waitFor(1);
    expectWellFormed(i);
    expect(i.shown!.flags).toBe(64);
    expect(i.shown!.embeds[0].description).toContain('No speaker called "王五"');
  });
});

describe('autocomplete', () => {
  it('offers speakers by any form of the name, at most 25, within 3 seconds', async () => {
    const i = h.fake.autocomplete({ name: 'who', options: [str('speaker', 'leung', true)] });
    const [r] = await i.waitFor(1);
    expect(r!.type).toBe(8);
    expect(r!.at - i.sentAt).toBeLessThan(3000);
    expect(r!.data.choices).toContainEqual({ name: 'CY Leung → 梁振英', value: '梁振英' });
    const all = h.fake.autocomplete({ name: 'who', options: [str('speaker', '', true)] });
    const [every] = await all.waitFor(1);
    expect(every!.data.choices.length).toBeGreaterThanOrEqual(7);
    expect(every!.data.choices.length).toBeLessThanOrEqual(25);
    const simplified = h.fake.autocomplete({ name: 'who', options: [str('speaker', '陈茂', true)] });
    const [s] = await simplified.waitFor(1);
    expect(s!.data.choices[0].value).toBe('陳茂波');
    const topic = h.fake.autocomplete({ name: 'who', options: [str('speaker', '梁振英'), str('topic', '量', true)] });
    const [none] = await topic.waitFor(1);
    expect(none!.data.choices).toEqual([]);
  });
});

describe('paging', () => {
  // A speech in full: one speaker with more passages than one page holds.
  let speech: Harness;
  beforeAll(async () => {
    const dir = tempDir();
    cpSync(join(FIXTURES, 'attribution/dev/govrelease-en.txt'), join(dir, 'govrelease-en.txt'));
    speech = await startHarness({ CORPUS_DIR: dir }, { pageTtlMs: 1500 });
  });
  afterAll(async () => {
    await speech?.stop();
  });

  it('pages through more results than fit, with buttons, and an expired page says so', async () => {
    const h = speech;
    const i = h.fake.command({ name: 'who', options: [str('speaker', 'Alfred Leung')] });
    await i.waitFor(1);
    expectWellFormed(i);
    const first = i.shown!;
    expect(first.embeds[0].footer.text).toMatch(/page 1 of (\d+)/);
    const [previous, next] = first.components[0].components;
    expect(previous.disabled).toBe(true);
    const press = h.fake.press(i, next.custom_id);
    const [update] = await press.waitFor(1);
    expect(update!.type).toBe(7);
    expectWellFormed(press);
    expect(update!.data.embeds[0].footer.text).toContain('page 2 of');
    const second = quotesOf(update!.data.embeds[0]);
    expect(second[0]!.n).toBe(quotes(i).length + 1);
    expect(second[0]!.speaker).toBe('**Alfred Leung** · Financial Secretary');

    // Someone else's press: told to ask for themselves, ephemerally; the message stays as it is.
    const other = h.fake.press(i, next.custom_id, '888888888888888888');
    const [refused] = await other.waitFor(1);
    expect(refused!.type).toBe(4);
    expect(refused!.data.flags).toBe(64);
    expect(refused!.data.content).toBe('These buttons belong to whoever asked; run the command yourself to page through your own answer or see its passages in context.');
    expect(other.responses.some((r) => r.type === 7)).toBe(false);

    // When they expire, the reply is edited: every button disabled, the page as it was.
    const [, edit] = await i.waitFor(2, 10_000);
    expect(edit!.kind).toBe('edit');
    expect(edit!.data.components[0].components.map((b: { disabled: boolean }) => b.disabled)).toEqual([true, true, true]);
    expect(edit!.data.components[0].components.map((b: { label: string }) => b.label)).toEqual(['◀ Previous', 'Next ▶', 'Context']);
    await new Promise((r) => setTimeout(r, 100));
    // A press that comes all the same (a client still showing them) disables them there, and
    // the one who pressed is told privately.
    const late = h.fake.press(i, next.custom_id);
    const [disabling, answer] = await late.waitFor(2);
    expect(disabling!.type).toBe(7);
    expect(disabling!.data.components[0].components.every((b: { disabled: boolean }) => b.disabled)).toBe(true);
    expect(answer!.kind).toBe('followup');
    expect(answer!.data.flags).toBe(64);
    expect(answer!.data.content).toBe('These results have expired; run the command again.');
  });
});

describe('locales', () => {
  it('labels follow the user locale; the quotes stay as written', async () => {
    const tw = h.fake.command({ name: 'ask', options: [str('query', '量子')], locale: 'zh-TW' });
    await tw.waitFor(1);
    expect(tw.shown!.embeds[0].title).toBe('回答：量子');
    expect(tw.shown!.embeds[0].footer.text).toMatch(/^共 \d+ 項結果/);
    const cn = h.fake.command({ name: 'who', options: [str('topic', '数据')], locale: 'zh-CN' });
    await cn.waitFor(1);
    expect(cn.shown!.embeds[0].title).toBe('谁谈到数据');
    expect(quotes(cn)[0]!.text).toContain('數據'); // the quote keeps its Traditional script
    const narrative = h.fake.command({ name: 'ask', options: [str('query', '數據是推動高質量發展的新動力')], locale: 'zh-TW' });
    await narrative.waitFor(1);
    expect(quotes(narrative)[0]!.speaker).toBe('**報道敘述（無講者）**');
  });
});

describe('mention safety', () => {
  it('never pings: typed @everyone and <@id> are echoed escaped, with allowed_mentions parse []', async () => {
    const i = h.fake.command({ name: 'ask', options: [str('query', '@everyone <@123456789012345678> <@&123456789012345678> @here')] });
    await i.waitFor(1);
    expectWellFormed(i);
    const shown = JSON.stringify(i.shown);
    expect(shown).not.toContain('<@123456789012345678>');
    expect(i.shown!.embeds[0].title).toContain('\\<@123456789012345678\\>');
  });
});

describe('moderator reload', () => {
  it('is refused to a member without Manage Server, and outside the admin guild', async () => {
    const member = h.fake.command({ name: 'reload', permissions: '0' });
    await member.waitFor(1);
    expect(member.shown!.flags).toBe(64);
    expect(member.shown!.embeds[0].description).toContain('Only moderators');
    const elsewhere = h.fake.command({ name: 'reload', guildId: OTHER_GUILD, permissions: MANAGE_GUILD });
    await elsewhere.waitFor(1);
    expect(elsewhere.shown!.embeds[0].description).toContain('Only moderators');
  });

  it('defers, reloads and says what changed, ephemerally', async () => {
    writeFileSync(join(corpusDir, 'extra.txt'), '科技論壇：數據要流通\n\n香港文匯報訊（記者 李明）論壇昨日舉行。科技局局長王大文表示，數據跨境流動帶來新機遇。\n');
    const i = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD });
    await i.waitFor(2);
    expect(i.responses[0]).toMatchObject({ kind: 'callback', type: 5, data: { flags: 64 } });
    expect(i.responses[1]!.kind).toBe('edit');
    expectWellFormed(i);
    const text = i.shown!.embeds[0].description as string;
    expect(text).toContain('Reloaded: 2 articles');
    expect(text).toContain('Articles +1 (extra)');
    expect(text).toContain('speakers +1 (王大文)');
    const ask = h.fake.command({ name: 'who', options: [str('speaker', '王大文')] });
    await ask.waitFor(1);
    expect(seen(ask.shown!.embeds[0])).toContain('數據跨境流動帶來新機遇');
    rmSync(join(corpusDir, 'extra.txt'));
  });

  it('refuses a broken corpus and keeps answering from the old index', async () => {
    writeFileSync(join(corpusDir, 'broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const i = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD });
    await i.waitFor(2);
    expectWellFormed(i);
    const embed = i.shown!.embeds[0];
    expect(embed.description).toContain('nothing changed');
    expect(JSON.stringify(embed.fields)).toContain('broken.txt');
    const ask = h.fake.command({ name: 'ask', options: [str('query', '量子技術市場')] });
    await ask.waitFor(1);
    expect(seen(ask.shown!.embeds[0])).toContain('1,060億美元');
    rmSync(join(corpusDir, 'broken.txt'));
  });

  it('answers questions during a reload, and tells a second reload that one is running', async () => {
    const first = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD });
    const second = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD });
    const question = h.fake.command({ name: 'ask', options: [str('query', '隱私')] });
    await Promise.all([first.waitFor(2), second.waitFor(2), question.waitFor(1)]);
    const texts = [first, second].map((i) => i.shown!.embeds[0].description as string);
    expect(texts.some((t) => t.includes('A reload is already running'))).toBe(true);
    expect(texts.some((t) => t.includes('Reloaded'))).toBe(true);
    expect(quotes(question).length).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  it('log one JSON line per interaction, and never the token', () => {
    const lines = h.logs.map((l) => JSON.parse(l));
    const ask = lines.find((l) => l.msg === 'interaction' && l.command === 'ask');
    expect(ask).toMatchObject({ guild: ADMIN_GUILD, outcome: 'ok' });
    expect(typeof ask.latencyMs).toBe('number');
    expect(typeof ask.results).toBe('number');
    expect(ask.options).toHaveProperty('query');
    expect(h.logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('the gateway', () => {
  it('resumes after a dropped connection and keeps answering', async () => {
    const identifies = h.fake.identifies.length;
    h.fake.dropConnections(4000);
    const deadline = Date.now() + 10_000;
    while (h.fake.resumes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.resumes.length).toBeGreaterThan(0);
    expect(h.fake.identifies.length).toBe(identifies);
    await h.fake.waitForShards(1);
    const i = h.fake.command({ name: 'ask', options: [str('query', '量子')] });
    await i.waitFor(1, 8000);
    expect(quotes(i).length).toBeGreaterThan(0);
  });
});
