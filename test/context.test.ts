/**
 * A passage in its report: the paragraph holding it, with the paragraphs before and after it in
 * its story, verbatim from the page; and the Context reply as Discord shows it, in each locale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../commands/define.ts';
import { loadCommands, runCommand } from '../commands/index.ts';
import { passageContext } from '../src/corpus/context.ts';
import type { Corpus } from '../src/corpus/load.ts';
import { renderPages } from '../src/discord/embeds.ts';
import type { Locale } from '../src/i18n.ts';
import { ingestArticle } from '../src/ingest/article.ts';
import type { Article, Passage } from '../src/model.ts';
import { SearchIndex } from '../src/search/index.ts';
import { validateMessage } from './e2e/fake-discord.ts';
import { CORPUS_DIR, FIXTURES, load, passageWith, passages, piecesInSource, seedText } from './helpers.ts';

let corpus: Corpus;
let article: Article;
let index: SearchIndex;
let commands: Command[];
beforeAll(async () => {
  corpus = await load(CORPUS_DIR);
  article = corpus.articles[0]!;
  index = SearchIndex.build(corpus);
  commands = await loadCommands();
});

const contextOf = (fragment: string) => passageContext(article, passageWith(corpus, fragment))!;
const body = () => passages(corpus).filter((p) => p.kind === 'body');

describe('the paragraphs around a passage, on the real article', () => {
  it('every sentence of the running text has its paragraph, the passage at its place in it, and paragraphs verbatim from the page', () => {
    const page = seedText();
    expect(body().length).toBeGreaterThan(40);
    for (const passage of body()) {
      const context = passageContext(article, passage);
      expect(context, passage.id).not.toBeNull();
      const { paragraph, span, before, after } = context!;
      expect(paragraph.text.slice(...span)).toBe(passage.text);
      for (const p of [paragraph, before, after]) {
        if (!p) continue;
        // One piece of the page, or two where the print layout broke the paragraph.
        const pieces = piecesInSource(p.text, page);
        expect(pieces, p.text).not.toBeNull();
        expect(pieces!.length, p.text).toBeLessThanOrEqual(2);
        expect(page.split('\n')[p.line - 1]).toContain(pieces![0]);
      }
    }
  });

  it('gives the paragraph before and after in the same story, skipping subheads and captions', () => {
    const context = contextOf('陳茂波強調，特區政府積極推動開放數據政策');
    // A subhead (「商業數據通」促成逾350億信貸批核) stands between it and the paragraph before.
    expect(context.before!.text.startsWith('峰會由大灣區國際信息科技協會主辦')).toBe(true);
    expect(context.before!.line).toBe(49);
    expect(context.after!.text.startsWith('他以金管局推出的「商業數據通」為例')).toBe(true);
    // The page cut that paragraph off mid-sentence, and says so.
    expect(context.after!.truncated).toBe(true);
    expect(context.paragraph.truncated).toBeUndefined();
  });

  it('joins a paragraph the layout broke, and shows the passage as one sentence of it', () => {
    const context = contextOf('數據跨境流通、合規治理和技術合作有深遠意義');
    const lines = seedText().split('\n');
    expect(context.paragraph.text).toBe(lines[8]!.trim() + lines[10]!.trim());
    expect(context.paragraph.line).toBe(9);
    expect(context.before!.text).toBe(lines[6]!.trim());
    expect(context.after!.text).toBe(lines[12]!.trim());
    // A paragraph of two sentences: the passage is the second.
    const two = contextOf('聯盟將吸引全球領先的前沿科技企業');
    expect(two.span[0]).toBeGreaterThan(0);
    expect(two.paragraph.text.startsWith('他認為此舉不僅為了推動數字經濟的健康發展')).toBe(true);
  });

  it('stops at the story: none before its first paragraph, none after its last; bylines are not part of the text', () => {
    const first = contextOf('該聯盟的成立，是行業發展的重要里程碑');
    expect(first.before).toBeNull();
    expect(first.paragraph.text.startsWith('「推動數據要素流通')).toBe(true);
    expect(first.paragraph.text).not.toContain('記者');
    const last = contextOf('港交所也積極進行數字人才的建設');
    expect(last.after).toBeNull();
    expect(last.before!.text.startsWith('香港文匯報訊')).toBe(false);
  });

  it('has nothing around a headline, a caption or a list item', () => {
    const others = passages(corpus).filter((p) => p.kind !== 'body');
    expect(new Set(others.map((p) => p.kind))).toEqual(new Set(['headline', 'subhead', 'caption', 'list-item', 'table-title']));
    for (const p of others) expect(passageContext(article, p), p.id).toBeNull();
  });

  it('keeps what an English page prints between its sentences: each paragraph is its line (or lines the layout broke), character for character', () => {
    const source = readFileSync(join(FIXTURES, 'attribution/dev/govrelease-en.txt'), 'utf8');
    const english = ingestArticle(source, { id: 'speech', title: 'Speech', source: 'GovHK', date: '2025-01-16', language: 'en', file: 'speech.txt' });
    const lines = source.split('\n');
    const seen = new Set<number>();
    for (const p of english.passages.filter((x) => x.kind === 'body')) {
      const context = passageContext(english, p)!;
      if (seen.has(context.paragraph.line)) continue;
      seen.add(context.paragraph.line);
      // Its line, or its line and the next ones the layout repair joined to it (with one space).
      let printed = lines[context.paragraph.line - 1]!.trim();
      for (let i = context.paragraph.line; printed.length < context.paragraph.text.length && i < lines.length; i++) if (lines[i]!.trim()) printed += ` ${lines[i]!.trim()}`;
      expect(context.paragraph.text).toBe(printed);
    }
    expect(seen.size).toBeGreaterThan(8);
    expect(english.passages.some((p) => p.spaceBefore === ' ')).toBe(true);
  });
});

/** The paragraphs of a context reply as a reader reads them: each block quote, its markdown undone. */
function shownParagraphs(description: string): { text: string; bold: string[] }[] {
  return description
    .split('\n\n')
    .filter((block) => block.startsWith('> '))
    .map((block) => {
      const markdown = block.replace(/^> /gm, '').replace(/ ⋯ \*[^*]+\*$/, '');
      const bold = [...markdown.matchAll(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g)].map((m) => unescaped(m[1]!));
      return { text: unescaped(markdown.replace(/(?<!\\)\*\*/g, '')), bold };
    });
}
const unescaped = (text: string) => text.replace(/\\(.)/g, '$1');

describe('the Context reply as Discord shows it', () => {
  const LOCALES: Locale[] = ['en', 'zh-TW', 'zh-CN'];
  const contextReply = (passage: Passage, locale: Locale) => runCommand(commands, 'context', { passage: passage.id }, { index, locale });

  for (const locale of LOCALES) {
    it(`${locale}: every passage of the running text, verbatim, the passage in bold, within Discord's limits, pinging nobody`, async () => {
      const page = seedText();
      for (const passage of body()) {
        const reply = await contextReply(passage, locale);
        expect(reply.ok, passage.id).toBe(true);
        const embeds = renderPages(reply, locale);
        expect(embeds).toHaveLength(1);
        const [embed] = embeds;
        expect(validateMessage({ embeds, allowed_mentions: { parse: [] } })).toEqual([]);
        expect(embed!.description).not.toMatch(/(?<!\\)<@[!&]?\d+>|(?<!\\)@everyone/);
        const shown = shownParagraphs(embed!.description!);
        expect(shown.length, passage.id).toBeGreaterThanOrEqual(2);
        for (const p of shown) {
          const pieces = piecesInSource(p.text, page);
          expect(pieces, p.text).not.toBeNull();
          expect(pieces!.length, p.text).toBeLessThanOrEqual(2);
        }
        // Exactly one quote holds bold: the passage, whole.
        expect(shown.flatMap((p) => p.bold)).toEqual([passage.text]);
      }
    });
  }

  it('labels follow the locale: the story start, the source line and the speaker', async () => {
    const first = passageWith(corpus, '該聯盟的成立，是行業發展的重要里程碑');
    const texts = await Promise.all(LOCALES.map(async (locale) => renderPages(await contextReply(first, locale), locale)[0]!));
    expect(texts[0]!.title).toBe('A passage in its report');
    expect(texts[0]!.description).toContain('*(start of the story)*');
    expect(texts[1]!.description).toContain('*(報道開首)*');
    expect(texts[2]!.description).toContain('*(报道开头)*');
    for (const embed of texts) {
      expect(embed.description).toContain('*香港文匯報 · 2025-01-17 · 梁振英：聯盟將為全球數字經濟提供制度保障*');
      expect(embed.description).toContain('**梁振英** · 全國政協副主席');
    }
    expect(texts[1]!.footer!.text).toBe('粗體為所選段落，前後為報道中相鄰的段落，逐字引用');
    expect(texts[2]!.footer!.text).toBe('粗体为所选段落，前后为报道中相邻的段落，逐字引用');
  });

  it('a page cut off mid-paragraph, hostile text and very long paragraphs: within the limits, escaped, the passage always shown', async () => {
    const long = (n: number) => `${'數據跨境流動帶來新機遇，'.repeat(n)}完。`;
    const source = [
      '科技論壇：數據要流通',
      '',
      `香港文匯報訊（記者 李明）${long(400)}`,
      '',
      '科技局局長王大文表示，@everyone <@123456789012345678> **數據** `code` > 引用 [連結](https://example.com) 要流通。他又指，這是關鍵一步。',
      '',
      `他續指，${long(500)}`,
    ].join('\n');
    const hostile = ingestArticle(source, { id: 'forum', title: '論壇', source: '香港文匯報', date: '2025-01-17', language: 'zh-Hant', file: 'forum.txt' });
    const forum = SearchIndex.build({ ...corpus, articles: [hostile], speakers: hostile.speakers });
    for (const passage of hostile.passages.filter((p) => p.kind === 'body')) {
      const reply = await runCommand(commands, 'context', { passage: passage.id }, { index: forum, locale: 'en' });
      const embeds = renderPages(reply, 'en');
      expect(validateMessage({ embeds })).toEqual([]);
      expect(embeds[0]!.description).not.toMatch(/(?<!\\)<@\d+>/);
      expect(embeds[0]!.description).toContain('\\<@123456789012345678\\>');
      // Cut paragraphs keep the words next to the passage: the end of the one before, the start of the one after.
      const shown = shownParagraphs(embeds[0]!.description!);
      const bold = shown.flatMap((p) => p.bold).join('');
      expect(bold.replace(/…$/, '').length).toBeGreaterThan(0);
      expect(passage.text.startsWith(bold.replace(/…$/, ''))).toBe(true);
      for (const p of shown) expect(piecesInSource(p.text.replace(/^…|…$/g, ''), source), p.text.slice(0, 40)).not.toBeNull();
    }
  });

  it('says which passages have no paragraphs around them, and which ids name no passage', async () => {
    const caption = passages(corpus).find((p) => p.kind === 'caption')!;
    const refused = await runCommand(commands, 'context', { passage: caption.id }, { index, locale: 'zh-TW' });
    expect(refused.error?.code).toBe('no_context');
    expect(refused.error?.message).toContain('不屬於報道正文');
    const unknown = await runCommand(commands, 'context', { passage: 'nowhere#1' }, { index, locale: 'en' });
    expect(unknown.error?.code).toBe('unknown_passage');
    expect(unknown.error?.message).toContain('No passage "nowhere#1"');
  });
});
