/**
 * Other papers' bylines, credits, datelines and footers, on small pages in each convention (the
 * people are fictional).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/load.ts';
import { parseBlocks } from '../src/ingest/blocks.ts';
import type { Article } from '../src/model.ts';
import { load, tempDir } from './helpers.ts';

const PAGES: Record<string, string> = {
  'release-en': `FS speaks at data summit
************************

Following is the speech by the Financial Secretary, Mr Paul Lam, at the data summit today (January 16):

Data is the lifeblood of the digital economy.

Ends/Thursday, January 16, 2025
Issued at HKT 12:30

NNNN

Data alliance launched in Hong Kong

By Ann Lee

A new data alliance was launched on Thursday.
`,
  'release-zh': `財政司司長出席數據峰會致辭
＊＊＊＊＊＊＊＊＊＊＊＊＊

　　以下是財政司司長林保文今日在數據峰會的致辭全文：

各位嘉賓：

　　數據是數字經濟的血液。

完
2025年1月16日（星期四）
香港時間12時30分

數字政策專員出席論壇
＊＊＊＊＊＊＊＊＊＊＊＊＊

　　數字政策專員何文傑今日出席數據論壇。

完
2025年1月16日（星期四）
香港時間15時00分
`,
  'release-zh-hans': `财政司司长出席数据峰会致辞
＊＊＊＊＊＊＊＊＊＊＊＊＊

　　以下是财政司司长林保文今日在数据峰会的致辞全文：

　　数据是数字经济的血液。

完
2025年1月16日（星期四）香港时间12时30分
`,
};

let corpus: Corpus;
beforeAll(async () => {
  const dir = tempDir();
  for (const [name, text] of Object.entries(PAGES)) writeFileSync(join(dir, `${name}.txt`), text);
  corpus = await load(dir);
});

const article = (id: string): Article => corpus.articles.find((a) => a.meta.id === id)!;
const texts = (id: string) => article(id).passages.map((p) => p.text);
const stories = (id: string) => article(id).stories.map((s) => ({ headlines: s.headlines, reporters: s.reporters, photographers: s.photographers }));

/** No byline, credit, dateline or footer of the page is (or is inside) a passage. */
function expectNoCredits(id: string, ...fragments: string[]) {
  for (const text of texts(id)) for (const fragment of fragments) expect(text, id).not.toContain(fragment);
}

describe('Hong Kong government press releases', () => {
  it('ends the release at its footer; the news story after it is a story of its own', () => {
    expect(stories('release-en')).toEqual([
      { headlines: ['FS speaks at data summit'], reporters: [], photographers: [] },
      { headlines: ['Data alliance launched in Hong Kong'], reporters: ['Ann Lee'], photographers: [] },
    ]);
    expect(texts('release-en')).toEqual([
      'FS speaks at data summit',
      'Following is the speech by the Financial Secretary, Mr Paul Lam, at the data summit today (January 16):',
      'Data is the lifeblood of the digital economy.',
      'Data alliance launched in Hong Kong',
      'A new data alliance was launched on Thursday.',
    ]);
    expectNoCredits('release-en', 'Ends', 'Issued at', 'NNNN', '****');
  });

  it('reads the Chinese footer: 完, the date with its weekday, 香港時間, on lines of their own or on one; a release after it is another story', () => {
    expect(stories('release-zh').map((s) => s.headlines)).toEqual([['財政司司長出席數據峰會致辭'], ['數字政策專員出席論壇']]);
    expect(texts('release-zh')).toEqual([
      '財政司司長出席數據峰會致辭',
      '以下是財政司司長林保文今日在數據峰會的致辭全文：',
      '各位嘉賓：',
      '數據是數字經濟的血液。',
      '數字政策專員出席論壇',
      '數字政策專員何文傑今日出席數據論壇。',
    ]);
    expect(article('release-zh-hans').stories).toHaveLength(1);
    expectNoCredits('release-zh-hans', '完', '星期', '香港时间');
  });
});

describe('each line on its own', () => {
  const only = (line: string) => {
    const blocks = parseBlocks(line);
    expect(blocks, line).toHaveLength(1);
    return blocks[0]!;
  };

  it('knows a dateline', () => {
    for (const line of ['January 16, 2025', 'Thursday, January 16, 2025', 'Jan 16, 2025', '16 January 2025', '2025年1月16日', '2025-01-16']) {
      expect(only(line), line).toMatchObject({ kind: 'dateline', date: '2025-01-16' });
    }
  });

  it('knows a footer', () => {
    for (const line of ['Ends/Thursday, January 16, 2025', 'Ends', 'Issued at HKT 12:30', 'NNNN', '完', '（完）', '2025年1月16日（星期四）', '香港時間12時30分', '2025年1月16日（星期四）香港時間12時30分']) {
      expect(only(line).kind, line).toBe('footer');
    }
  });
});
