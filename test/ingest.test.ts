import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/load.ts';
import { CORPUS_DIR, STYLES_DIR, load, passageWith, passages, piecesInSource, seedText } from './helpers.ts';

describe('the real article: 香港文匯報, 2025-01-17', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await load(CORPUS_DIR);
  });

  it('keeps the page byte for byte and reads its sidecar', () => {
    const [article] = corpus.articles;
    expect(article!.meta).toMatchObject({ id: 'wenweipo-2025-01-17', source: '香港文匯報', date: '2025-01-17', language: 'zh-Hant' });
  });

  it('quotes every passage verbatim: one piece of the source, or two where the layout broke it', () => {
    const source = seedText();
    for (const p of passages(corpus)) {
      const pieces = piecesInSource(p.text, source);
      expect(pieces, p.text).not.toBeNull();
      expect(pieces!.length, p.text).toBeLessThanOrEqual(2);
    }
  });

  it('rejoins paragraphs broken by the print layout', () => {
    expect(passageWith(corpus, '數據跨境流通、合規治理和技術合作有深遠意義').attribution?.speaker).toBe('梁振英');
    expect(passageWith(corpus, '全球量子技術市場將達到1,060億美元').attribution?.speaker).toBe('張洪海');
    expect(passageWith(corpus, '整合區域內企業、高校、研究機構的數據資源').attribution?.speaker).toBe('楊德斌');
    // The book title 《關…》 split around a photo headline and its caption.
    const memo = passageWith(corpus, '《關於促進粵港澳大灣區數據跨境流動的合作備忘錄》');
    expect(memo.kind).toBe('body');
    expect(memo.text).toContain('數字人民幣App境外版支持210多個國家和地區手機號註冊開通等。');
    expect(passages(corpus).some((p) => p.text === '業、高校、研究機構的數據資源，推動數據價值鏈上下游的深度合作，釋放產業聯動效應。')).toBe(false);
  });

  it('leaves the paragraph cut off at the end of the page as it is, flagged truncated', () => {
    const cut = passageWith(corpus, '信貸批核總額逾');
    expect(cut.text.endsWith('涉及的信貸批核總額逾')).toBe(true);
    expect(cut.truncated).toBe(true);
    expect(corpus.articles[0]!.warnings.some((w) => w.message.includes('信貸批核總額逾'))).toBe(true);
    expect(passages(corpus).filter((p) => p.truncated)).toHaveLength(1);
  });

  it('knows all seven people quoted, with their roles as written', () => {
    const roles = Object.fromEntries(corpus.speakers.map((s) => [s.name, s.roles]));
    expect(Object.keys(roles).sort()).toEqual(['劉光源', '張洪海', '徐慶強', '梁振英', '楊德斌', '陳茂波', '黃志光'].sort());
    expect(roles.梁振英).toEqual(['全國政協副主席', '粵港澳大灣區國際信息科技協會主席']);
    expect(roles.陳茂波).toEqual(['特區政府財政司司長']);
    expect(roles.劉光源).toEqual(['中央政府駐港聯絡辦副主任']);
    expect(roles.楊德斌).toEqual(['大灣區國際信息科技協會會長', '大數據治理公會創會主席']);
    expect(roles.張洪海).toEqual(['數字經濟研究中心首席顧問']);
    expect(roles.黃志光).toEqual(['特區政府數字政策辦公室數字政策專員']);
    expect(roles.徐慶強).toEqual(['香港交易所首席科技總監']);
  });

  it('never takes a reporter or a photographer for a speaker', () => {
    const quoted = new Set(passages(corpus).map((p) => p.attribution?.speaker));
    for (const name of ['馬翠媚', '周曉菁', '黃艾力']) expect(quoted.has(name)).toBe(false);
    const stories = corpus.articles[0]!.stories;
    expect(new Set(stories.flatMap((s) => s.reporters))).toEqual(new Set(['馬翠媚', '周曉菁']));
    expect(stories.flatMap((s) => s.photographers)).toContain('黃艾力');
  });

  it('attributes each sentence: introductions, cues, 他 clauses, captions and headlines', () => {
    const who = (fragment: string) => {
      const a = passageWith(corpus, fragment).attribution;
      return a ? `${a.speaker} ${a.cue} ${a.kind}` : 'narrative';
    };
    expect(who('該聯盟的成立，是行業發展的重要里程碑')).toBe('梁振英 表示 intro');
    expect(who('他表示，數字經濟正推動全球經濟格局深刻轉型')).toBe('梁振英 表示 pronoun');
    expect(who('他提醒，數據的安全合規')).toBe('梁振英 提醒 pronoun');
    expect(who('陳茂波又指，香港在2023年6月')).toBe('陳茂波 指 intro');
    expect(who('他指出，通過這些創新舉措')).toBe('陳茂波 指出 pronoun');
    expect(who('陳茂波強調，特區政府積極推動開放數據政策')).toBe('陳茂波 強調 intro');
    expect(who('劉光源又說，在人工智能時代')).toBe('劉光源 說 intro');
    expect(who('劉光源提到，數據具有規模報酬遞增')).toBe('劉光源 提到 intro');
    expect(who('張洪海還料，2025年或成為國際量子科學技術元年')).toBe('張洪海 料 intro');
    expect(who('此外，他相信「具身智能」')).toBe('張洪海 相信 pronoun');
    expect(who('黃志光在演講時指出')).toBe('黃志光 指出 intro');
    expect(who('徐慶強認為，數字經濟產業的轉型升級')).toBe('徐慶強 認為 intro');
    // Later sentences of a speaker's paragraph are still that speaker's.
    expect(who('量子計算市場預計將實現顯著增長')).toBe('張洪海 料 continued');
    expect(who('截至去年年底，數據平台已開放超過5,500個數據集')).toBe('黃志光 指出 continued');
    // Captions and headline quotes.
    expect(who('梁振英表示，成立聯盟是香港攜手內地面向世界邁出的關鍵一步。')).toBe('梁振英 表示 intro');
    expect(passageWith(corpus, '梁振英表示，成立聯盟是香港攜手內地面向世界邁出的關鍵一步。').kind).toBe('caption');
    expect(who('梁振英：聯盟將為全球數字經濟提供制度保障')).toBe('梁振英 ： headline');
    expect(who('劉光源：港可發揮三方面優勢力促數字經濟')).toBe('劉光源 ： headline');
    expect(who('專家：中美可共同應對AI領域挑戰')).toBe('張洪海 ： headline');
    // Narrative says so.
    expect(who('數據是推動高質量發展的新動力')).toBe('narrative');
    expect(who('峰會由大灣區國際信息科技協會主辦')).toBe('narrative');
    expect(who('數字經濟研究中心亦同場公布了2024年度數字化轉型國際十大事件')).toBe('narrative');
    expect(who('梁振英（右四）、劉光源（右三）及陳茂波（左四）出席並致辭')).toBe('narrative');
  });

  it('splits the page into its reports, each with its headline and reporter', () => {
    const story = (fragment: string) => {
      const p = passageWith(corpus, fragment);
      const s = corpus.articles[0]!.stories.find((x) => x.id === p.storyId)!;
      return `${s.headline} / ${s.reporters.join('、')}`;
    };
    expect(story('他認為此舉不僅為了推動數字經濟的健康發展')).toBe('梁振英：聯盟將為全球數字經濟提供制度保障 / 馬翠媚');
    expect(story('陳茂波強調，特區政府')).toBe('國際數據產業聯盟成立 跨境數據香港站簽備忘 / 馬翠媚');
    expect(story('劉光源提到')).toBe('劉光源：港可發揮三方面優勢力促數字經濟 / 馬翠媚');
    expect(story('楊德斌表示')).toBe('數據空間香港站助釋產業聯動效應 / 馬翠媚');
    expect(story('張洪海還料')).toBe('專家：中美可共同應對AI領域挑戰 / 周曉菁');
    expect(story('徐慶強認為')).toBe('港數字辦：繼續推動數據互通 / 周曉菁');
    expect(corpus.articles[0]!.stories).toHaveLength(6);
  });

  it('reads the table of ten trends as a list presented by 張洪海', () => {
    const [list] = corpus.articles[0]!.lists;
    expect(list!.title).toBe('2025年數字經濟十大展望');
    expect(list!.source).toBe('張洪海');
    const items = list!.items.map((id) => passages(corpus).find((p) => p.id === id)!);
    expect(items).toHaveLength(10);
    expect(items[0]!.text).toBe('人工智能立法與監管逐步強化，更加注重新用戶隱私保護及數據流通安全。');
    expect(items[9]!.text).toBe('強人工智能時代加速到來，人工智能將無處不在，加速推動行業轉型。');
    expect(items.every((p) => p.attribution?.speaker === '張洪海' && p.kind === 'list-item')).toBe(true);
  });

  it('finds the figures with their unit, qualifier, sentence and speaker, headlines included', () => {
    const figures = corpus.articles[0]!.figures;
    const of = (text: string) => {
      const f = figures.find((x) => x.text === text);
      if (!f) throw new Error(`no figure ${text}; have ${figures.map((x) => x.text).join(' ')}`);
      const p = passages(corpus).find((x) => x.id === f.passageId)!;
      return { ...f, speaker: p.attribution?.speaker ?? null, sentence: p.text };
    };
    expect(of('逾300位')).toMatchObject({ value: 300, unit: '位', qualifier: '逾', speaker: null });
    expect(of('超過5,500個')).toMatchObject({ value: 5500, unit: '個', qualifier: '超過', speaker: '黃志光' });
    expect(of('超過5,500個').sentence).toContain('5,500個數據集');
    expect(of('2,400個')).toMatchObject({ value: 2400, speaker: '黃志光' });
    expect(of('逾4.2萬宗')).toMatchObject({ value: 42000, unit: '宗', qualifier: '逾', speaker: '陳茂波' });
    expect(of('逾350億')).toMatchObject({ value: 35e9, qualifier: '逾' });
    expect(passages(corpus).find((p) => p.id === of('逾350億').passageId)!.kind).toBe('subhead');
    expect(of('1,060億美元')).toMatchObject({ value: 1.06e11, unit: '美元', speaker: '張洪海' });
    expect(of('80%')).toMatchObject({ value: 80, unit: '%', speaker: '張洪海' });
    expect(of('210多個')).toMatchObject({ value: 210, qualifier: '多', unit: '個' });
    expect(of('12項')).toMatchObject({ value: 12, unit: '項', speaker: '陳茂波' });
    // Dates and names with digits are not figures.
    expect(figures.some((f) => /^20\d\d$/.test(f.text) || f.text.includes('年') || f.text === '3.0')).toBe(false);
  });
});

describe('other papers, other conventions', () => {
  let corpus: Corpus;
  beforeAll(async () => {
    corpus = await load(STYLES_DIR);
  });

  it('reads Simplified Chinese with 【本报讯】 bylines, ■ captions and quotes before the speaker', () => {
    const article = corpus.articles.find((a) => a.meta.id === 'shenzhen-forum')!;
    expect(article.stories[0]!.reporters).toEqual(['林小雨']);
    expect(article.stories[0]!.photographers).toEqual(['王晓明']);
    const who = (fragment: string) => passageWith(corpus, fragment).attribution?.speaker ?? null;
    expect(who('“数据跨境流动需要统一的规则。”')).toBe('周志远');
    expect(who('“人工智能治理不能各自为政，”周志远说')).toBe('周志远');
    expect(who('他指出，今年跨境数据交易额预计将超过120亿元')).toBe('周志远');
    expect(who('她认为，大湾区需要更多数据人才。')).toBe('陈美玲');
    expect(who('陈美玲透露')).toBe('陈美玲');
    expect(who('与会者认为算力是数字经济的基础设施')).toBeNull();
    expect(passageWith(corpus, '周志远在论坛上发言。').kind).toBe('caption');
    expect(corpus.speakers.find((s) => s.name === '周志远')).toMatchObject({ roles: ['前海数据研究院院长'], aliases: ['周志遠'] });
    expect(new Set(corpus.speakers.map((s) => s.name))).not.toContain('林小雨');
    expect(article.figures.map((f) => f.text)).toEqual(['超过120亿元', '35%', '逾800家', '约200位', '5,000名']);
    // A paragraph broken by the layout, in Simplified too.
    expect(passageWith(corpus, '与会者认为算力是数字经济的基础设施。').text).toContain('基础设施');
  });

  it('reads English news: "…," said X; X said; according to X; she said', () => {
    const article = corpus.articles.find((a) => a.meta.id === 'harbour-alliance')!;
    expect(article.stories[0]).toMatchObject({ headline: 'Harbour data alliance pledges common rules', reporters: ['Mary Holt'], photographers: ['Lee Wing'] });
    const who = (fragment: string) => passageWith(corpus, fragment).attribution?.speaker ?? null;
    expect(who('"Trust is the currency of the data economy,"')).toBe('Daniel Okafor');
    expect(who('"Without shared rules, nobody will trade."')).toBe('Daniel Okafor');
    expect(who('Okafor said the alliance had signed up')).toBe('Daniel Okafor');
    expect(who('cross-border data flows could add US$12 billion')).toBe('Priya Raman');
    expect(who('She warned that privacy rules were still fragmented.')).toBe('Priya Raman');
    expect(who('According to Tom Becker')).toBe('Tom Becker');
    expect(who('its founders said on Thursday')).toBeNull();
    expect(who('The summit drew over 300 delegates')).toBeNull();
    expect(corpus.speakers.find((s) => s.name === 'Priya Raman')!.roles).toEqual(['chief economist at Lantern Capital']);
    expect(corpus.speakers.map((s) => s.name)).not.toContain('Mary Holt');
    expect(article.figures.map((f) => f.text)).toEqual(expect.arrayContaining(['more than 40 members', 'US$12 billion', '60%', 'over 300 delegates']));
  });
});
