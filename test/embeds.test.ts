/** Discord rendering holds every limit for any text: property tests over hostile strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderPages } from '../src/discord/embeds.ts';
import type { ArticleMeta, Passage } from '../src/model.ts';
import type { Reply } from '../src/reply.ts';
import type { QuotedPassage } from '../src/search/quote.ts';
import { validateMessage } from './e2e/fake-discord.ts';
import { quotesOf } from './e2e/harness.ts';

const LONE_SURROGATE = /[\ud800-\udfff]/u;

const article: ArticleMeta = { id: 'a', title: 'T', source: '香港文匯報', date: '2025-01-17', language: 'zh-Hant', file: 'a.txt' };
function quoted(text: string, speaker: string | null, role: string | null, headline: string, i: number): QuotedPassage {
  const passage: Passage = { id: `a#${i}`, articleId: 'a', storyId: 'a/s1', kind: 'body', paragraph: 1, text, line: 1, attribution: speaker ? { speaker, cue: '表示', kind: 'intro' } : null };
  return {
    passage,
    article,
    story: { id: 'a/s1', articleId: 'a', headline, headlines: [headline], reporters: [], photographers: [] },
    speaker: speaker ? { name: speaker, role } : null,
    highlights: text.length > 4 ? [[1, Math.min(text.length, 40)]] : [],
  };
}

// Hostile text: emoji sequences, combining marks, RTL overrides, markdown, mentions, CJK.
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: fc.constantFrom('👨‍👩‍👧', '🇭🇰', 'é', '\u202e', '*', '_', '`', '|', '>', '#', '-', '<@123>', '@everyone', '數', '據', ' ', '\n'), maxLength: 1500 }),
  fc.constant('😀'.repeat(2000)),
);

describe('Discord embeds', () => {
  it('hold every limit, never split a surrogate pair, never ping, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, fc.option(hostile, { nil: null }), hostile), { maxLength: 30 }), hostile, (rows, title) => {
        const reply: Reply = {
          command: 'ask',
          ok: true,
          title,
          summary: title,
          notice: title,
          passages: rows.map(([text, speaker, headline], i) => quoted(text || 'x', speaker, speaker, headline, i)),
        };
        const pages = renderPages(reply, 'en');
        for (const embed of pages) {
          expect(validateMessage({ embeds: [embed] })).toEqual([]);
          const all = JSON.stringify(embed);
          expect(LONE_SURROGATE.test(JSON.parse(all).title ?? '')).toBe(false);
          for (const f of embed.fields ?? []) expect(LONE_SURROGATE.test(f.value) || LONE_SURROGATE.test(f.name)).toBe(false);
        }
        // Every passage is on exactly one page (grouped by speaker within a page).
        expect(pages.flatMap((p) => quotesOf(p).map((q) => q.n)).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a long quote at a character boundary with an ellipsis, under its attribution', () => {
    const reply: Reply = { command: 'ask', ok: true, title: 't', passages: [quoted('😀'.repeat(2000), '梁振英', '全國政協副主席', '頭條', 1)] };
    const [embed] = renderPages(reply, 'en');
    const [quote] = quotesOf(embed);
    expect(quote!.speaker).toBe('**梁振英** · 全國政協副主席');
    expect(quote!.source).toBe('*香港文匯報 · 2025-01-17 · 頭條*');
    expect(quote!.text).toMatch(/^[😀*]+…$/u);
    expect(LONE_SURROGATE.test(embed!.description!)).toBe(false);
  });

  it('one attribution per speaker, block quotes without added brackets, the cut-off mark, the report linked', () => {
    const a = quoted('「數據是新的生產要素」，他說。', '梁振英', '全國政協副主席', '頭條', 1);
    const b = quoted('聯盟將聚焦數據治理與隱私保護', '梁振英', '全國政協副主席', '頭條', 2);
    const c = { ...quoted('「商業數據通」自推出以來，涉及的信貸批核總額逾', null, null, '頭條', 3) };
    c.passage = { ...c.passage, truncated: true };
    const linked = { ...article, url: 'https://example.com/news/a(1)' };
    const reply: Reply = { command: 'ask', ok: true, title: 't', passages: [a, b, c].map((q) => ({ ...q, article: linked, highlights: [] })) };
    for (const locale of ['en', 'zh-TW', 'zh-CN'] as const) {
      const [embed] = renderPages(reply, locale);
      expect(validateMessage({ embeds: [embed] })).toEqual([]);
      const text = embed!.description!;
      expect(text.split('**梁振英**').length - 1).toBe(1);
      expect(text).toContain('> **1.** 「數據是新的生產要素」，他說。');
      expect(text).not.toContain('「「');
      expect(text).toContain('[頭條](https://example.com/news/a%281%29)');
      expect(embed!.url).toBe('https://example.com/news/a%281%29');
      const cutOff = quotesOf(embed).find((q) => q.n === 3)!;
      expect(cutOff.text).toMatch(/總額逾 ⋯ \*(cut off in the source|原文於此截斷|原文于此截断)\*$/);
      expect(embed!.footer!.text).not.toMatch(/ms|毫秒/);
    }
  });

  it('escapes markdown and mention syntax so text shows as written', () => {
    expect(escapeMarkdown('*bold* _it_ `code` <@123> [x](y) > q')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\<@123\\> \\[x\\](y) \\> q');
    expect(escapeMarkdown('# title\n- item')).toBe('\\# title\n\\- item');
  });
});
