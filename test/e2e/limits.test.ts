/** Discord's limits hold for any corpus: a hostile one, with huge passages, roles and lists. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { validateMessage } from './fake-discord.ts';
import { MANAGE_GUILD, quotesOf, startHarness, str, sub, type Harness } from './harness.ts';

let h: Harness;
let hugeText: string;
beforeAll(async () => {
  const dir = tempDir();
  const role = `國際${'數據產業'.repeat(60)}協會主席`;
  const surnames = '陳李張黃何林梁吳王劉楊鄭謝郭曾蔡周徐許蕭馮羅葉朱潘胡鄧余盧袁蘇麥彭高馬孫趙';
  const paragraphs = Array.from(surnames, (s, i) => `${role}${s}大文表示，${'數據要素*流通_與`隱私`保護<@123>@everyone'.repeat(120)}共有逾${i + 1}萬宗申請，第${i}段。`);
  const list = Array.from({ length: 40 }, (_, i) => `- 趨勢${i}：${'人工智能'.repeat(300)}。`);
  const text = [`${'數據'.repeat(40)}大會：${'展望'.repeat(20)}`, `香港文匯報訊（記者 李明）${role}王小明表示，今年十大趨勢（見表）。`, ...paragraphs, '長長的趨勢表', ...list].join('\n\n');
  writeFileSync(join(dir, 'huge.txt'), text);
  hugeText = text;
  h = await startHarness({ CORPUS_DIR: dir });
});
afterAll(async () => {
  await h?.stop();
});

it('every command stays within every limit, on every page', async () => {
  const invocations = [
    { name: 'ask', options: [str('query', '數據 隱私')] },
    { name: 'who', options: [str('topic', '數據')] },
    { name: 'who', options: [str('speaker', '陳大文')] },
    { name: 'trends' },
    { name: 'trends', options: [str('topic', '人工智能')] },
    { name: 'stats' },
    { name: 'speakers' },
    { name: 'about' },
    { name: 'help' },
    { name: 'corpus', options: [sub('list')], permissions: MANAGE_GUILD },
    { name: 'corpus', options: [sub('show', str('article', 'huge'))], permissions: MANAGE_GUILD },
  ];
  for (const invocation of invocations) {
    const i = h.fake.command(invocation);
    await i.waitFor(invocation.name === 'corpus' ? 2 : 1);
    const shown = i.shown!;
    expect(validateMessage(shown), invocation.name).toEqual([]);
    expect(quotesOf(shown.embeds[0]).length + (shown.embeds[0].fields?.length ?? 0), invocation.name).toBeGreaterThan(0);
    // What the bot understood of an article fits in one message, each list cut by whole lines.
    if (invocation.options?.[0]?.name === 'show') {
      expect(shown.embeds[0].footer.text).not.toContain('page');
      expect(shown.embeds[0].fields.map((f: { value: string }) => f.value).join('\n')).toMatch(/… and \d+ more/);
    }
    // The Context button, and every passage its choice offers: each answer passes too.
    const context = (shown.components?.[0]?.components ?? []).find((b: { label: string }) => b.label === 'Context');
    if (context) {
      const press = h.fake.press(i, context.custom_id);
      await press.waitFor(1);
      expect(validateMessage(press.shown!), invocation.name).toEqual([]);
      const selects = (press.shown!.components ?? []).map((row: { components: { custom_id: string; options: { value: string }[] }[] }) => row.components[0]!);
      for (const select of selects) {
        for (const option of select.options.slice(0, 1)) {
          const pick = h.fake.select(press, select.custom_id, [option.value]);
          await pick.waitFor(1);
          expect(validateMessage(pick.shown!), `${invocation.name} context ${option.value}`).toEqual([]);
          expect(pick.shown!.embeds[0].description).toMatch(/\*\*/);
        }
      }
    }
    // Page through to the end: every page passes too.
    let current = i;
    for (let page = 0; page < 12; page++) {
      const next = current.shown?.components?.[0]?.components?.[1];
      if (!next || next.disabled) break;
      const press = h.fake.press(current, next.custom_id);
      await press.waitFor(1);
      expect(validateMessage(press.shown!)).toEqual([]);
      current = press;
    }
  }
});

it('a /corpus add preview of a page as hostile fits in one message, its lists cut by whole lines', async () => {
  const attachment = h.fake.attach('huge-2.txt', hugeText.replace('大會：', '論壇：'));
  const i = h.fake.command({
    name: 'corpus',
    options: [sub('add', { name: 'file', type: 11, value: attachment.id }, str('date', '2025-01-18'))],
    attachments: [attachment],
    permissions: MANAGE_GUILD,
  });
  await i.waitFor(2, 15_000);
  const shown = i.shown!;
  expect(validateMessage(shown)).toEqual([]);
  expect(shown.embeds[0].title).toMatch(/^Add to the corpus\? /);
  expect(shown.embeds[0].footer.text).not.toContain('page');
  expect(shown.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Add', 'Cancel']);
  const people = shown.embeds[0].fields.find((f: { name: string }) => f.name.startsWith('People'));
  expect(people.value).toMatch(/\n… and \d+ more$/);
});
