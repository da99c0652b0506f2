/**
 * Other papers' bylines, credits, datelines and footers, on small pages in each convention (the
 * people are fictional). None of them has a sidecar: source and date come from the page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/load.ts';
import { parseBlocks } from '../src/ingest/blocks.ts';
import type { Article } from '../src/model.ts';
import { load, tempDir } from './helpers.ts';

const PAGES: Record<string, string> = {
  dagong: `數據峰會聚焦跨境流通

2025年1月17日

【大公報訊】記者李華報道：「推動數據要素流通」峰會昨日在香港舉行。科技局局長鄧浩然致辭時表示，政府會加快開放數據。

他又指，香港要用好國際化優勢。

●鄧浩然在峰會上致辭。
香港文匯報記者林浩攝
`,
  singtao: `業界冀數據互通

【星島日報報道】數據峰會昨日舉行，數字經濟協會主席何嘉欣表示，業界期望數據流通加快。

星島日報記者黃志文攝
`,
  mingpao: `峰會倡數據治理

【明報專訊】數據峰會昨日舉行。協會會長羅志強表示，治理規則要與國際接軌。
`,
  hk01: `數據峰會：業界冀加快互通
香港01記者 陳家明

數據峰會昨日舉行，數據聯盟主席梁美儀表示，聯盟會推動數據流通。
`,
  'people-overseas': `香港数据峰会推动要素流通
本报记者 陈 然

本报香港1月16日电（记者陈 然）推动数据要素流通峰会16日在香港举行。香港数字经济协会会长吴志华在会上表示，香港将发挥联系人作用。

新华社发（记者 孙浩摄）

《 人民日报海外版 》（ 2025年01月17日   第 04 版）
`,
  'this-paper': `数据峰会在港举行
本报记者 周明轩 香港报道

16日，推动数据要素流通峰会在香港举行。大会主席郑国强表示，峰会为业界搭建平台。
`,
  'this-paper-lead': `港企看好数据流通

本报记者 周明轩 香港报道：大会主席郑国强16日表示，港企看好数据流通。
`,
  'xinhua-zh': `香港举办数据要素流通峰会

新华社香港1月16日电（记者 赵思远、钱一鸣）推动数据要素流通峰会16日在香港举行。香港特区政府创新科技局局长邓浩然在致辞中表示，特区政府将加快数据基础设施建设。

●与会嘉宾在峰会上交流。
新华社记者 孙浩 摄

他说，数据是新质生产力的重要要素。（完）

港企冀借峰会拓展合作

中新社香港1月16日电 (记者 孙丽华)香港数字经济协会会长吴志华16日表示，本地企业希望借峰会拓展内地市场。
`,
  'xinhua-en': `Hong Kong summit pushes data flows

By Jane Doe and John Roe

HONG KONG, Jan 16 (Xinhua) -- A summit on data flows opened in Hong Kong on Thursday, with officials pledging faster digital infrastructure.

"Data is the new engine of growth," said Henry Lau, the city's innovation secretary.

Delegates attend the summit in Hong Kong, south China, Jan. 16, 2025. (Xinhua/Wang Ming)
`,
  'two-stories-en': `Alliance signs up 40 members
Thursday, January 16, 2025
By Mary Poe

The alliance signed up 40 members on its first day, its chairwoman Grace Ho said.

Photo: Kate Lin

Start-ups seek cheaper data
16 January 2025
By Tom Fox

Start-ups want cheaper access to public data, said Victor Tse, head of the Start-up Council.
`,
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

describe('Hong Kong papers', () => {
  it('reads 【大公報訊】記者李華報道：, a dateline and a photo credit on a line of its own', () => {
    expect(article('dagong').meta).toMatchObject({ source: '大公報', date: '2025-01-17', title: '數據峰會聚焦跨境流通' });
    expect(stories('dagong')).toEqual([{ headlines: ['數據峰會聚焦跨境流通'], reporters: ['李華'], photographers: ['林浩'] }]);
    expect(texts('dagong')).toEqual([
      '數據峰會聚焦跨境流通',
      '「推動數據要素流通」峰會昨日在香港舉行。',
      '科技局局長鄧浩然致辭時表示，政府會加快開放數據。',
      '他又指，香港要用好國際化優勢。',
      '鄧浩然在峰會上致辭。',
    ]);
    expectNoCredits('dagong', '大公報訊', '記者', '攝', '2025年1月17日');
    expect(article('dagong').passages.some((p) => p.truncated)).toBe(false);
  });

  it('reads 【星島日報報道】, 【明報專訊】 and a 香港01記者 credit line', () => {
    expect(article('singtao').meta.source).toBe('星島日報');
    expect(stories('singtao')).toEqual([{ headlines: ['業界冀數據互通'], reporters: [], photographers: ['黃志文'] }]);
    expect(texts('singtao')).toEqual(['業界冀數據互通', '數據峰會昨日舉行，數字經濟協會主席何嘉欣表示，業界期望數據流通加快。']);
    expect(article('mingpao').meta.source).toBe('明報');
    expect(texts('mingpao')).toEqual(['峰會倡數據治理', '數據峰會昨日舉行。', '協會會長羅志強表示，治理規則要與國際接軌。']);
    expect(article('hk01').meta.source).toBe('香港01');
    expect(stories('hk01')).toEqual([{ headlines: ['數據峰會：業界冀加快互通'], reporters: ['陳家明'], photographers: [] }]);
    expectNoCredits('hk01', '香港01記者', '陳家明');
  });
});

describe('mainland papers and agencies', () => {
  it('reads a 人民日报海外版 page: 本报记者 with a spaced name, 本报…电（记者…）, its footer', () => {
    expect(article('people-overseas').meta).toMatchObject({ source: '人民日报海外版', date: '2025-01-17', language: 'zh-Hans' });
    expect(stories('people-overseas')).toEqual([{ headlines: ['香港数据峰会推动要素流通'], reporters: ['陈然'], photographers: ['孙浩'] }]);
    expect(texts('people-overseas')).toEqual(['香港数据峰会推动要素流通', '推动数据要素流通峰会16日在香港举行。', '香港数字经济协会会长吴志华在会上表示，香港将发挥联系人作用。']);
    expectNoCredits('people-overseas', '本报', '记者', '人民日报海外版', '摄');
  });

  it('reads 本报记者 NAME 香港报道 on a line of its own and opening a paragraph', () => {
    expect(stories('this-paper')).toEqual([{ headlines: ['数据峰会在港举行'], reporters: ['周明轩'], photographers: [] }]);
    expect(texts('this-paper')).toEqual(['数据峰会在港举行', '16日，推动数据要素流通峰会在香港举行。', '大会主席郑国强表示，峰会为业界搭建平台。']);
    expect(stories('this-paper-lead')).toEqual([{ headlines: ['港企看好数据流通'], reporters: ['周明轩'], photographers: [] }]);
    expect(texts('this-paper-lead')).toEqual(['港企看好数据流通', '大会主席郑国强16日表示，港企看好数据流通。']);
  });

  it('reads 新华社…电（记者 X、Y）, a photo credit line, （完） ending the story, and 中新社…电 (记者 X)', () => {
    expect(article('xinhua-zh').meta).toMatchObject({ source: '新华社', date: null });
    expect(stories('xinhua-zh')).toEqual([
      { headlines: ['香港举办数据要素流通峰会'], reporters: ['赵思远', '钱一鸣'], photographers: ['孙浩'] },
      { headlines: ['港企冀借峰会拓展合作'], reporters: ['孙丽华'], photographers: [] },
    ]);
    expect(texts('xinhua-zh')).toEqual([
      '香港举办数据要素流通峰会',
      '推动数据要素流通峰会16日在香港举行。',
      '香港特区政府创新科技局局长邓浩然在致辞中表示，特区政府将加快数据基础设施建设。',
      '与会嘉宾在峰会上交流。',
      '他说，数据是新质生产力的重要要素。',
      '港企冀借峰会拓展合作',
      '香港数字经济协会会长吴志华16日表示，本地企业希望借峰会拓展内地市场。',
    ]);
    expectNoCredits('xinhua-zh', '新华社', '中新社', '记者', '摄', '完');
  });
});

describe('English reports', () => {
  it('reads "By X and Y", "HONG KONG, Jan 16 (Xinhua) --" and "(Xinhua/NAME)" after a caption', () => {
    expect(article('xinhua-en').meta).toMatchObject({ source: 'Xinhua', date: '2025-01-16', language: 'en' });
    expect(stories('xinhua-en')).toEqual([{ headlines: ['Hong Kong summit pushes data flows'], reporters: ['Jane Doe', 'John Roe'], photographers: ['Wang Ming'] }]);
    const lead = article('xinhua-en').passages[1]!;
    expect(lead.text).toBe('A summit on data flows opened in Hong Kong on Thursday, with officials pledging faster digital infrastructure.');
    expect(article('xinhua-en').passages.at(-1)).toMatchObject({ kind: 'caption', text: 'Delegates attend the summit in Hong Kong, south China, Jan. 16, 2025.' });
    expectNoCredits('xinhua-en', 'Xinhua', 'By ', 'Wang Ming');
  });

  it('splits a page into two stories at a headline, its dateline and byline; "Photo: NAME" is a credit', () => {
    expect(article('two-stories-en').meta).toMatchObject({ source: 'unknown source', date: '2025-01-16', title: 'Alliance signs up 40 members' });
    expect(stories('two-stories-en')).toEqual([
      { headlines: ['Alliance signs up 40 members'], reporters: ['Mary Poe'], photographers: ['Kate Lin'] },
      { headlines: ['Start-ups seek cheaper data'], reporters: ['Tom Fox'], photographers: [] },
    ]);
    expect(texts('two-stories-en')).toEqual([
      'Alliance signs up 40 members',
      'The alliance signed up 40 members on its first day, its chairwoman Grace Ho said.',
      'Start-ups seek cheaper data',
      'Start-ups want cheaper access to public data, said Victor Tse, head of the Start-up Council.',
    ]);
  });

  it('never takes a reporter or a photographer for a speaker', () => {
    const quoted = new Set(corpus.articles.flatMap((a) => a.passages.map((p) => p.attribution?.speaker)));
    const people = new Set(corpus.speakers.map((s) => s.name));
    for (const name of [
      '李華',
      '林浩',
      '黃志文',
      '陳家明',
      '陈然',
      '周明轩',
      '赵思远',
      '钱一鸣',
      '孙浩',
      '孙丽华',
      'Jane Doe',
      'John Roe',
      'Wang Ming',
      'Mary Poe',
      'Kate Lin',
      'Tom Fox',
      'Ann Lee',
    ]) {
      expect(quoted.has(name), name).toBe(false);
      expect(people.has(name), name).toBe(false);
    }
  });
});

describe('Hong Kong government press releases', () => {
  it('ends the release at its footer; the news story after it is a story of its own', () => {
    expect(article('release-en').meta).toMatchObject({ source: 'Hong Kong SAR Government press release', date: '2025-01-16', language: 'en' });
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
    expect(article('release-zh').meta).toMatchObject({ source: '香港特區政府新聞公報', date: '2025-01-16', language: 'zh-Hant' });
    expect(stories('release-zh').map((s) => s.headlines)).toEqual([['財政司司長出席數據峰會致辭'], ['數字政策專員出席論壇']]);
    expect(texts('release-zh')).toEqual([
      '財政司司長出席數據峰會致辭',
      '以下是財政司司長林保文今日在數據峰會的致辭全文：',
      '各位嘉賓：',
      '數據是數字經濟的血液。',
      '數字政策專員出席論壇',
      '數字政策專員何文傑今日出席數據論壇。',
    ]);
    expect(article('release-zh-hans').meta).toMatchObject({ source: '香港特区政府新闻公报', date: '2025-01-16', language: 'zh-Hans' });
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
    for (const line of [
      'Ends/Thursday, January 16, 2025',
      'Ends',
      'Issued at HKT 12:30',
      'NNNN',
      '完',
      '（完）',
      '2025年1月16日（星期四）',
      '香港時間12時30分',
      '2025年1月16日（星期四）香港時間12時30分',
    ]) {
      expect(only(line).kind, line).toBe('footer');
    }
  });

  it('knows a photo credit and whom it names', () => {
    const credits: [string, string[]][] = [
      ['新华社记者 王明 摄', ['王明']],
      ['新华社发（记者 李华摄）', ['李华']],
      ['香港文匯報記者黃艾力攝', ['黃艾力']],
      ['Photo: Jane Doe', ['Jane Doe']],
      ['Photo by Jane Doe/China Daily', ['Jane Doe']],
      ['(Xinhua/Wang Ming)', ['Wang Ming']],
    ];
    for (const [line, photographers] of credits) expect(only(line), line).toMatchObject({ kind: 'credit', photographers });
  });

  it('knows a byline and whom it names', () => {
    const bylines: [string, string[]][] = [
      ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
      ['By Jane Doe, John Roe and Ann Poe', ['Jane Doe', 'John Roe', 'Ann Poe']],
      ['本报记者 王明 香港报道', ['王明']],
      ['本报记者 陈 然 李 明', ['陈然', '李明']],
      ['香港01記者 陳家明、李小美', ['陳家明', '李小美']],
      ['香港文匯報訊（記者 馬翠媚）', ['馬翠媚']],
    ];
    for (const [line, reporters] of bylines) expect(only(line), line).toMatchObject({ kind: 'credit', reporters });
    expect(parseBlocks('【大公報訊】記者李華、王明報道：峰會昨日舉行。')[0]).toMatchObject({ text: '峰會昨日舉行。', byline: { reporters: ['李華', '王明'] }, outlet: '大公報' });
    expect(parseBlocks('記者王明香港報道：峰會昨日舉行。')[0]).toMatchObject({ text: '峰會昨日舉行。', byline: { reporters: ['王明'] } });
    // 及 and 和 inside a name do not split it.
    expect(parseBlocks('新华社香港1月16日电（记者 李和平）峰会举行。')[0]!.byline).toEqual({ reporters: ['李和平'] });
  });

  it('leaves a paragraph ending in (A/B) alone', () => {
    expect(only('The plan covers Hong Kong and Macao (HK/Macao).').kind).toBe('paragraph');
  });
});
