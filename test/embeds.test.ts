/** Discord rendering holds every limit for any text: property tests over hostile strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderPages } from '../src/discord/embeds.ts';
import type { ArticleMeta, Passage } from '../src/model.ts';
import type { Reply } from '../src/reply.ts';
import type { QuotedPassage } from '../src/search/quote.ts';
import { validateMessage } from './e2e/fake-discord.ts';

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
        const pages = renderPages(reply, 'en', 12);
        for (const embed of pages) {
          expect(validateMessage({ embeds: [embed] })).toEqual([]);
          const all = JSON.stringify(embed);
          expect(LONE_SURROGATE.test(JSON.parse(all).title ?? '')).toBe(false);
          for (const f of embed.fields ?? []) expect(LONE_SURROGATE.test(f.value) || LONE_SURROGATE.test(f.name)).toBe(false);
        }
        // Every passage is on some page.
        expect(pages.reduce((n, p) => n + (p.fields?.length ?? 0), 0)).toBe(rows.length);
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a long quote at a character boundary with an ellipsis, keeping its attribution', () => {
    const reply: Reply = { command: 'ask', ok: true, title: 't', passages: [quoted('😀'.repeat(2000), '梁振英', '全國政協副主席', '頭條', 1)] };
    const [embed] = renderPages(reply, 'en', 1);
    const field = embed!.fields![0]!;
    expect(field.value.length).toBeLessThanOrEqual(1024);
    expect(field.value).toMatch(/😀…」\n香港文匯報 2025-01-17 · 頭條 · `a#1`$/u);
    expect(LONE_SURROGATE.test(field.value)).toBe(false);
  });

  it('escapes markdown and mention syntax so text shows as written', () => {
    expect(escapeMarkdown('*bold* _it_ `code` <@123> [x](y) > q')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\<@123\\> \\[x\\](y) \\> q');
    expect(escapeMarkdown('# title\n- item')).toBe('\\# title\n\\- item');
  });
});
