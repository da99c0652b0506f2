/**
 * The Context button and the "Find in the summit reports" message menu, end to end: the real
 * discord.js client against the fake Discord. Buttons answer their asker alone and are disabled
 * when they expire, by an edit before the token dies and on a late press.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedText, piecesInSource } from '../helpers.ts';
import { validateMessage, type InteractionRecord } from './fake-discord.ts';
import { quotesOf, startHarness, str, type Harness } from './harness.ts';

const MENU = 'Find in the summit reports';
const OTHER_USER = '888888888888888888';

/** Everything the bot sent for an interaction passed Discord's checks and pinged nobody. */
function expectWellFormed(i: InteractionRecord): void {
  for (const r of i.responses) {
    if (r.type === 8 || r.type === 5 || r.type === 6) continue;
    expect(validateMessage(r.data)).toEqual([]);
    expect(r.data.allowed_mentions).toEqual({ parse: [] });
  }
}

/** The buttons of a message by label, and each button's state. */
const buttons = (message: Record<string, any> | undefined) =>
  (message?.components ?? []).flatMap((row: any) => row.components) as { label?: string; custom_id: string; disabled?: boolean; type: number; options?: any[] }[];
const contextButton = (message: Record<string, any> | undefined) => buttons(message).find((b) => b.label === 'Context' || b.label === '上下文');

/** The block quotes of a context reply, markdown undone: the paragraphs as a reader reads them. */
function paragraphsOf(description: string): { text: string; bold: string[] }[] {
  const plain = (text: string) => text.replace(/\\(.)/g, '$1');
  return description
    .split('\n\n')
    .filter((block) => block.startsWith('> '))
    .map((block) => {
      const markdown = block.replace(/^> /gm, '').replace(/ ⋯ \*[^*]+\*$/, '');
      return { text: plain(markdown.replace(/(?<!\\)\*\*/g, '')), bold: [...markdown.matchAll(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g)].map((m) => plain(m[1]!)) };
    });
}

/** A context reply shows the passage `quote` (as the answer showed it) in bold, every paragraph verbatim. */
function expectContextOf(embed: Record<string, any>, quote: string): void {
  const page = seedText();
  const paragraphs = paragraphsOf(embed.description);
  expect(paragraphs.length).toBeGreaterThanOrEqual(2);
  for (const p of paragraphs) expect(piecesInSource(p.text, page), p.text).not.toBeNull();
  const bold = paragraphs.flatMap((p) => p.bold);
  expect(bold).toHaveLength(1);
  // The answer bolds matched words inside its quote; the context bolds the quote whole.
  expect(bold[0]).toBe(quote.replace(/\*\*/g, '').replace(/\\(.)/g, '$1'));
}

describe('the Context button', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('on a page of one passage: the paragraphs around it at once, privately, verbatim, the passage in bold', async () => {
    const i = h.fake.command({ name: 'ask', options: [str('query', 'what did the financial secretary say about open data')] });
    await i.waitFor(1);
    expectWellFormed(i);
    const [quote] = quotesOf(i.shown!.embeds[0]);
    const context = contextButton(i.shown);
    expect(context).toMatchObject({ type: 2, disabled: false });
    const press = h.fake.press(i, context!.custom_id);
    const [answer] = await press.waitFor(1);
    expectWellFormed(press);
    expect(answer).toMatchObject({ kind: 'callback', type: 4 });
    expect(answer!.data.flags).toBe(64);
    const embed = answer!.data.embeds[0];
    expect(embed.title).toBe('Passage 1 in its report');
    expect(embed.description).toContain('*香港文匯報 · 2025-01-17 · 國際數據產業聯盟成立 跨境數據香港站簽備忘*');
    expect(embed.description).toContain('*In bold:* **陳茂波** · 特區政府財政司司長');
    expectContextOf(embed, quote!.text);
    // The paragraph after it was cut off by the page, and says so.
    expect(embed.description).toMatch(/涉及的信貸批核總額逾 ⋯ \*cut off in the source\*/);
    expect(answer!.data.components ?? []).toEqual([]);
    // The reply itself is left as it was.
    expect(i.responses).toHaveLength(1);
    await h.waitForLog((l) => l.msg === 'context' && l.outcome === 'ok' && /^wenweipo-2025-01-17#\d+$/.test(l.passage));
  });

  it('on a page of several: a private choice of its passages by number, then each one chosen in place', async () => {
    const i = h.fake.command({ name: 'who', options: [str('speaker', 'CY Leung'), str('topic', '隱私')], locale: 'zh-TW' });
    await i.waitFor(1);
    const quotes = quotesOf(i.shown!.embeds[0]);
    expect(quotes).toHaveLength(3);
    const context = contextButton(i.shown);
    expect(context!.label).toBe('上下文');
    const press = h.fake.press(i, context!.custom_id);
    const [choice] = await press.waitFor(1);
    expectWellFormed(press);
    expect(choice).toMatchObject({ type: 4, data: { flags: 64, content: '哪一段？選擇一段，查看它在報道中的前後段落。' } });
    const [select] = buttons(choice!.data);
    expect(select).toMatchObject({ type: 3, custom_id: expect.stringMatching(/^context-pick:/) });
    expect(select!.options!.map((o) => o.label)).toEqual(['1. 梁振英', '2. 梁振英', '3. 梁振英']);
    expect(select!.options!.map((o) => o.value)).toEqual(['1', '2', '3']);
    expect(select!.options!.every((o) => !o.default)).toBe(true);

    for (const n of [2, 3, 2]) {
      const pick = h.fake.select(press, select!.custom_id, [String(n)]);
      const [update] = await pick.waitFor(1);
      expectWellFormed(pick);
      expect(update!.type).toBe(7);
      const embed = update!.data.embeds[0];
      expect(embed.title).toBe(`第 ${n} 段在報道中的上下文`);
      expect(embed.footer.text).toBe('粗體為所選段落，前後為報道中相鄰的段落，逐字引用');
      expectContextOf(embed, quotes[n - 1]!.text);
      // The select stays, the chosen passage shown as chosen, to choose another.
      expect(
        buttons(update!.data)[0]!
          .options!.filter((o) => o.default)
          .map((o) => o.value),
      ).toEqual([String(n)]);
    }
  });

  it('is not offered where no passage has paragraphs around it: /trends shows list items whole', async () => {
    const trends = h.fake.command({ name: 'trends' });
    await trends.waitFor(1);
    expect(trends.shown!.components ?? []).toEqual([]);
    const topic = h.fake.command({ name: 'trends', options: [str('topic', '量子')] });
    await topic.waitFor(1);
    // With a topic: the matching items, then the passages that discuss them, which have context.
    expect(contextButton(topic.shown)).toBeDefined();
  });

  it('answers only the asker: anyone else is told privately, and nothing changes', async () => {
    const i = h.fake.command({ name: 'who', options: [str('speaker', 'CY Leung'), str('topic', '隱私')] });
    await i.waitFor(1);
    const other = h.fake.press(i, contextButton(i.shown)!.custom_id, OTHER_USER);
    const [refused] = await other.waitFor(1);
    expect(refused).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refused!.data.content).toBe('These buttons belong to whoever asked; run the command yourself to page through your own answer or see its passages in context.');
    expect(refused!.data.components ?? []).toEqual([]);
    expect(i.responses).toHaveLength(1);
    await h.waitForLog((l) => l.msg === 'context' && l.outcome === 'not_yours' && l.user === OTHER_USER);
  });
});

describe('the "Find in the summit reports" message menu', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("looks a message's text up as /ask does, privately, with the same buttons", async () => {
    const i = h.fake.messageCommand({ name: MENU, message: { content: 'Is it true the financial secretary said open data is a driver of the new productive forces?' } });
    const [answer] = await i.waitFor(1);
    expectWellFormed(i);
    expect(answer).toMatchObject({ kind: 'callback', type: 4, data: { flags: 64 } });
    expect(answer!.data.content ?? '').toBe('');
    const embed = answer!.data.embeds[0];
    expect(embed.title).toBe('Answers: Is it true the financial secretary said open data is a driver of the new productive forces?');
    expect(quotesOf(embed)[0]!.speaker).toBe('**陳茂波** · 特區政府財政司司長');
    // Its buttons work as on /ask: Context shows the first passage in its report.
    const press = h.fake.press(i, contextButton(answer!.data)!.custom_id);
    const [shown] = await press.waitFor(1);
    expect(shown!.data.flags).toBe(64);
    expect(shown!.data.embeds?.[0]?.title ?? shown!.data.content).toMatch(/in its report|Which passage/);
    const line = await h.waitForLog((l) => l.msg === 'interaction' && l.menu === MENU && l.message === i.payload.data.target_id);
    expect(line).toMatchObject({ command: 'ask', outcome: 'ok', options: { query: expect.stringContaining('financial secretary') } });
  });

  it('a message with nothing to look up: a clear private answer', async () => {
    for (const message of [
      { content: '', embeds: [{ title: 'A link preview', description: 'x' }] },
      { content: '', attachments: [{ id: '1', filename: 'photo.png', size: 10, url: 'https://cdn.discordapp.com/x/photo.png', proxy_url: 'https://media.discordapp.net/x/photo.png' }] },
      { content: '<@123456789012345678> https://example.com/post <:pepe:123456789012345678> @here', mentions: ['123456789012345678'] },
    ]) {
      const i = h.fake.messageCommand({ name: MENU, message, locale: 'zh-CN' });
      const [answer] = await i.waitFor(1);
      expectWellFormed(i);
      expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(answer!.data.embeds[0].description).toBe('这条消息没有可查找的文字（只有提及、链接、表情符号、嵌入内容或附件）。请用 /ask 以你自己的词语提问。');
      expect(answer!.data.components ?? []).toEqual([]);
    }
    await h.waitForLog((l) => l.msg === 'interaction' && l.menu === MENU && l.outcome === 'empty_message');
  });

  it('a message longer than a question: its first part, cut after a sentence, and the answer says so', async () => {
    const first = 'What did CY Leung say about privacy and data governance at the summit?';
    const content = `${first} ${'The alliance will gather leading companies in Hong Kong and build a platform for sharing resources. '.repeat(6)}`;
    const i = h.fake.messageCommand({ name: MENU, message: { content }, locale: 'zh-TW' });
    const [answer] = await i.waitFor(1);
    expectWellFormed(i);
    expect(answer!.data.flags).toBe(64);
    expect(answer!.data.content).toBe(`這則訊息有 ${content.trim().length} 個字元，而問題最多 200 個字元，因此只查找了開頭部分。`);
    const title: string = answer!.data.embeds[0].title;
    expect(title.startsWith(`回答：${first}`)).toBe(true);
    // Cut after a sentence, within /ask's 200 characters.
    const query = title.slice('回答：'.length);
    expect(query.length).toBeLessThanOrEqual(200);
    expect(query.endsWith('.')).toBe(true);
    expect(quotesOf(answer!.data.embeds[0]).length).toBeGreaterThan(0);
    await h.waitForLog((l) => l.menu === MENU && l.cutFrom === content.trim().length);
  });

  it('pings nobody: @everyone, <@id> and markdown in the message are looked past, never echoed as mentions', async () => {
    const content = '@everyone <@123456789012345678> <@&234567890123456789> **What did CY Leung say about privacy?** https://example.com/a';
    const i = h.fake.messageCommand({ name: MENU, message: { content, mentionEveryone: true, mentions: ['123456789012345678'] } });
    const [answer] = await i.waitFor(1);
    expectWellFormed(i);
    expect(answer!.data.allowed_mentions).toEqual({ parse: [] });
    const all = JSON.stringify(answer!.data);
    expect(all).not.toMatch(/<@&?\d+>|@everyone|example\.com/);
    expect(answer!.data.embeds[0].title).toBe('Answers: What did CY Leung say about privacy?');
    expect(quotesOf(answer!.data.embeds[0])[0]!.speaker).toContain('**梁振英**');
  });
});

describe('buttons that expire', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { pageTtlMs: 2000 });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('are disabled by an edit of the reply when they expire, and a late press disables them where they are', async () => {
    const i = h.fake.command({ name: 'who', options: [str('speaker', 'CY Leung'), str('topic', '隱私')] });
    await i.waitFor(1);
    const context = contextButton(i.shown)!;
    const press = h.fake.press(i, context.custom_id);
    await press.waitFor(1);

    // Before the token dies, the reply is edited: the same buttons, every one disabled.
    const [, edit] = await i.waitFor(2, 10_000);
    expect(edit).toMatchObject({ kind: 'edit' });
    // Not before they expire: 2 s after the reply was stored, which was after the command arrived.
    expect(edit!.at - i.sentAt).toBeGreaterThanOrEqual(1990);
    expect(validateMessage(edit!.data)).toEqual([]);
    expect(buttons(edit!.data)).toEqual([{ ...context, disabled: true }]);
    // Only the buttons change: the answer stays as it was.
    expect(edit!.data.embeds).toBeUndefined();
    expect(edit!.data.allowed_mentions).toEqual({ parse: [] });
    expect(quotesOf(i.shown!.embeds[0])).toHaveLength(3);
    const logged = await h.waitForLog((l) => l.msg === 'buttons expired' && l.outcome === 'disabled');
    expect(context.custom_id).toContain(logged.reply);

    // A client that still shows them enabled (or a press just before the edit arrived): the
    // press is answered by disabling them on the message, and the presser is told privately.
    const webhookPaths = h.fake.requests.filter((r) => r.path.includes('/webhooks/')).map((r) => r.path);
    expect(webhookPaths.some((p) => p.includes(i.token) && p.endsWith('/messages/%40original'))).toBe(true);
    const late = h.fake.press(i, context.custom_id);
    const [update, told] = await late.waitFor(2);
    expect(update).toMatchObject({ kind: 'callback', type: 7 });
    expect(buttons(update!.data).every((b) => b.disabled)).toBe(true);
    expect(told).toMatchObject({ kind: 'followup', data: { flags: 64, content: 'These results have expired; run the command again.' } });
    expectWellFormed(late);

    // The private choice of passages expires with the reply: choosing disables it.
    const [select] = buttons(press.shown);
    const pick = h.fake.select(press, select!.custom_id, ['1']);
    const [disabled] = await pick.waitFor(2);
    expect(disabled!.type).toBe(7);
    expect(buttons(disabled!.data)).toEqual([expect.objectContaining({ type: 3, disabled: true })]);
    await h.waitForLog((l) => l.msg === 'context' && l.outcome === 'expired' && l.disabled === true);
  });

  it('a reply without buttons is never edited', async () => {
    const i = h.fake.command({ name: 'trends' });
    await i.waitFor(1);
    await new Promise((r) => setTimeout(r, 2600));
    expect(i.responses).toHaveLength(1);
  });
});
