/**
 * Who said what, in reports of other papers' styles: the labelled set's figures, and the
 * conventions a reader relies on, each checked on the reports themselves.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../commands/index.ts';
import { byStyle, precision, recall, scoreFolder, total } from '../scripts/eval/attribution.ts';
import { answerLine } from '../src/console/console.ts';
import { deriveMeta, loadCorpus } from '../src/corpus/load.ts';
import { LiveCorpus } from '../src/corpus/live.ts';
import { ingestArticle } from '../src/ingest/article.ts';
import type { Article } from '../src/model.ts';
import { renderJson } from '../src/render/json.ts';
import { CORPUS_DIR, STYLES_DIR, tempDir } from './helpers.ts';

const LABELLED = resolve(import.meta.dirname, 'fixtures/attribution');
const WIRE_DIR = resolve(import.meta.dirname, 'fixtures/corpus-wire');

function article(name: string): Article {
  const file = `${name}.txt`;
  const text = readFileSync(resolve(LABELLED, 'dev', file), 'utf8');
  return ingestArticle(text, deriveMeta(text, name, file));
}

/** The speaker of the one passage holding `fragment`, or null for narrative. */
function speakerOf(a: Article, fragment: string): string | null {
  const found = a.passages.filter((p) => p.text.includes(fragment));
  if (found.length !== 1) throw new Error(`${found.length} passages of ${a.meta.id} hold ${fragment}`);
  return found[0]!.attribution?.speaker ?? null;
}

describe('the labelled set (npm run eval:attribution)', () => {
  it('attributes the tuning set with precision >= 98% and recall >= 95%, no style below 90%', () => {
    const scores = scoreFolder(resolve(LABELLED, 'dev'));
    expect(scores.length).toBeGreaterThanOrEqual(12);
    const styles = byStyle(scores);
    expect(styles.size).toBeGreaterThanOrEqual(8);
    const overall = total(scores);
    expect(precision(overall)).toBeGreaterThanOrEqual(0.98);
    expect(recall(overall)).toBeGreaterThanOrEqual(0.95);
    for (const [style, t] of styles) {
      expect(precision(t), style).toBeGreaterThanOrEqual(0.9);
      expect(recall(t), style).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('keeps the held-out set (never tuned on) at least where it stands', () => {
    const overall = total(scoreFolder(resolve(LABELLED, 'heldout')));
    expect(precision(overall)).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.precision);
    expect(recall(overall)).toBeGreaterThanOrEqual(HELD_OUT_FLOOR.recall);
  });
});

// The held-out figures as last measured, less a point: a change that loses ground fails here.
const HELD_OUT_FLOOR = { precision: 0.98, recall: 0.94 };

describe('no speaker made of a fragment', () => {
  const TITLE = /^(?:司長|局長|主席|副主席|會長|教授|博士|先生|女士|專員|主任|Secretary|Commissioner|Chairman|Professor|Industry|Technology)$/u;
  const CUE_CHAR = /[又亦也還則更再並曾已續指稱說表認強料称说还则续认强]$/u;
  const HONORIFIC_OR_TITLE = /^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Financial|Secretary|Chief|Executive|Commissioner|Chairman|The|Deputy|Director)\.?$/u;

  it('every speaker of every fixture and the seed is a whole name', async () => {
    const dirs = [CORPUS_DIR, STYLES_DIR, WIRE_DIR];
    const speakers: string[] = [];
    for (const dir of dirs) {
      const loaded = await loadCorpus(dir);
      if (!loaded.ok) throw new Error(dir);
      speakers.push(...loaded.corpus.speakers.map((s) => s.name));
    }
    for (const set of ['dev', 'heldout']) {
      for (const file of readdirSync(resolve(LABELLED, set)).filter((f) => f.endsWith('.txt'))) {
        const text = readFileSync(resolve(LABELLED, set, file), 'utf8');
        speakers.push(...ingestArticle(text, deriveMeta(text, file, file)).speakers.map((s) => s.name));
      }
    }
    expect(speakers.length).toBeGreaterThan(50);
    for (const name of speakers) {
      if (/\p{Script=Han}/u.test(name)) {
        expect(name, 'a Chinese name of 2 to 4 characters').toMatch(/^\p{Script=Han}{2,4}$/u);
        expect(TITLE.test(name), `${name} is a title`).toBe(false);
        // 陳又, 陳指: a surname and a cue character.
        if (name.length === 2) expect(CUE_CHAR.test(name), `${name} ends with a cue`).toBe(false);
      } else {
        const words = name.split(/\s+/);
        expect(words.length, `${name} is one word`).toBeGreaterThanOrEqual(2);
        for (const w of words) expect(HONORIFIC_OR_TITLE.test(w), `${name} holds a title`).toBe(false);
      }
    }
  });
});

describe('people resolved across a page', () => {
  it('a surname and a verb, a surname and a title: the person named before (明報)', () => {
    const a = article('mingpao');
    expect(speakerOf(a, '郭又指')).toBe('郭志鴻');
    expect(speakerOf(a, '梁局長又提到')).toBe('梁淑芬');
    expect(a.speakers.map((s) => s.name).sort()).toEqual(['梁淑芬', '郭志鴻', '陳家豪'].sort());
  });

  it('nicknames and a role alone: 財爺, 添叔, 財政司司長, 特首 (星島)', () => {
    const a = article('singtao');
    expect(speakerOf(a, '添叔在演辭中談到跨境數據流動時坦言')).toBe('莫志添');
    expect(speakerOf(a, '財政司司長又透露')).toBe('莫志添');
    expect(speakerOf(a, '特首又稱')).toBe('蔡永樑');
    const mo = a.people.find((p) => p.name === '莫志添')!;
    expect(mo.forms).toEqual(expect.arrayContaining(['莫志添', '添叔', '財政司司長']));
  });

  it('a title split off the name, Mr and a surname, the role alone: one person each (English paper)', () => {
    const a = article('english-paper');
    expect(speakerOf(a, 'The Secretary for Innovation, Technology and Industry, Professor Sandra Tse Wing-yan, told')).toBe('Sandra Tse Wing-yan');
    expect(speakerOf(a, 'the financial secretary said')).toBe('Paul Wong Ka-chun');
    expect(speakerOf(a, 'Ko, whose association represents 300 firms, called for')).toBe('Ronald Ko Chi-keung');
    expect(a.speakers.some((s) => ['Secretary', 'Wong', 'Industry', 'Ko'].includes(s.name))).toBe(false);
  });

  it('他 and 她 by gender, a man and a woman speaking in turn (大公報)', () => {
    const a = article('takungpao');
    expect(speakerOf(a, '她表示，數碼港人工智能超算中心自去年底啟用首階段以來')).toBe('孔慧珊');
    expect(speakerOf(a, '他則指出，「智方便」登記用戶已超過三百萬')).toBe('賴俊賢');
    expect(speakerOf(a, '他補充，各政府部門今年會再開放逾千個新數據集')).toBe('賴俊賢');
    expect(a.people.find((p) => p.name === '孔慧珊')!.gender).toBe('female');
  });
});

describe('people resolved across the articles of a corpus', () => {
  it('a later report’s 陳司長 is the 陳志明 an earlier one introduced; its own people come first', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), '財政司司長談數據\n\n香港文匯報訊（記者 李明）財政司司長陳志明昨日表示，香港會加快數據流通。\n');
    writeFileSync(join(dir, 'b.txt'), '數據峰會續談\n\n【明報專訊】陳司長昨在峰會上表示，政府將開放更多數據。科技局局長何美玲指出，人才是關鍵。何局長又指，政府會增加資助。\n');
    const loaded = await loadCorpus(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const b = loaded.corpus.articles.find((x) => x.meta.id === 'b')!;
    expect(b.passages.find((p) => p.text.startsWith('陳司長'))!.attribution?.speaker).toBe('陳志明');
    expect(b.passages.find((p) => p.text.startsWith('何局長又指'))!.attribution?.speaker).toBe('何美玲');
    expect(b.warnings.filter((w) => w.code === 'unresolved-mention')).toEqual([]);
  });
});

describe('attribution over the discourse', () => {
  it('a quotation over several paragraphs is the speaker’s throughout (明報)', () => {
    const a = article('mingpao');
    expect(speakerOf(a, '「數據本身不會產生價值，流動起來才會。')).toBe('郭志鴻');
    expect(speakerOf(a, '「香港要做的，是建立一套讓各方都信得過的規則')).toBe('郭志鴻');
  });

  it('an interview: the answers and the paragraphs after them are the interviewee’s, the questions nobody’s', () => {
    const a = article('interview-zh');
    expect(speakerOf(a, '问：国际数据产业联盟为什么选择在香港成立？')).toBeNull();
    expect(speakerOf(a, '答：我们做过比较。')).toBe('谭若琳');
    expect(speakerOf(a, '另外，香港的专业服务很成熟。')).toBe('谭若琳');
    expect(speakerOf(a, '第二步，推出不少于10个跨境应用试点')).toBe('谭若琳');
    const en = article('interview-en');
    expect(speakerOf(en, 'A: Because data is not like other goods.')).toBe('Margaret Ko Wai-man');
    expect(speakerOf(en, 'When you sell a container of shoes')).toBe('Margaret Ko Wai-man');
  });

  it('a speech in the first person is the speaker’s, the lead and the story after it are not (政府新聞公報)', () => {
    const a = article('govrelease-zh');
    expect(speakerOf(a, '以下是財政司司長區永年今日')).toBeNull();
    expect(speakerOf(a, '大家好！')).toBe('區永年');
    expect(speakerOf(a, '數據是數字經濟最核心的生產要素。')).toBe('區永年');
    expect(speakerOf(a, '多謝各位。')).toBe('區永年');
    expect(speakerOf(a, '周德明其後與馮穎詩一同主持聯盟啟動儀式。')).toBeNull();
    expect(speakerOf(a, '談到人才，周會長指出')).toBe('周德明');
  });

  it('the items of an announced enumeration are the announcer’s (English paper)', () => {
    const a = article('english-paper');
    expect(speakerOf(a, 'She listed three priorities.')).toBe('Sandra Tse Wing-yan');
    expect(speakerOf(a, 'First, the AI Supercomputing Centre at Cyberport will be expanded')).toBe('Sandra Tse Wing-yan');
    expect(speakerOf(a, 'Third, more public services will be brought under iAM Smart')).toBe('Sandra Tse Wing-yan');
  });

  it('inspect explains each attribution: the rule and the mention it resolved', () => {
    const a = article('singtao');
    const p = a.passages.find((x) => x.text.includes('財政司司長又透露'))!;
    expect(p.attribution).toMatchObject({ speaker: '莫志添', kind: 'intro', rule: 'role before cue', mention: '財政司司長' });
  });
});

describe('any page, however odd', () => {
  const pieces = [
    'The',
    'Financial',
    'Secretary',
    'Mr',
    'Paul',
    'Wong',
    'said',
    ',',
    '“',
    '”',
    '"',
    'of',
    'for',
    'Commissioner',
    'He',
    'She',
    'who',
    'according to',
    '陳',
    '司長',
    '表示',
    '「',
    '」',
    '『',
    '他',
    '她',
    '又指',
    '。',
    '，',
    '：',
    '問：',
    '答：',
    'Q:',
    'A:',
    '\n\n',
    '\n',
    '一是',
    '第一，',
    '財爺',
    '有「',
    '」之稱的',
    'Wai-man',
    'Ko',
    '- ',
    '●',
    '完',
    'Ends',
    '（見表）',
    '三成',
    '30 per cent',
  ];
  it('is read without an error, and every passage is a verbatim piece of it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 300 }), (parts) => {
        const text = parts.join(' ');
        const a = ingestArticle(text, deriveMeta(text, 'odd', 'odd.txt'));
        const squashed = text.replace(/\s+/g, '');
        for (const p of a.passages) expect(squashed).toContain(p.text.replace(/\s+/g, ''));
        for (const s of a.speakers) expect(s.name.trim()).not.toBe('');
      }),
      { numRuns: 200 },
    );
  });
});

describe('/who speaker by part of an English name', () => {
  it('a nickname the report gave finds the person: 添叔 is 莫志添, 數據哥 is 蔡柏濤', async () => {
    const live = (await LiveCorpus.open(resolve(LABELLED, 'dev'))) as LiveCorpus;
    for (const [nickname, name] of [
      ['添叔', '莫志添'],
      ['數據哥', '蔡柏濤'],
    ]) {
      const reply = JSON.parse(renderJson((await answerLine(`/who speaker:${nickname}`, { live, commands: await loadCommands(), json: true }))!));
      expect(reply.title).toContain(name);
    }
  });

  it('Sandra Tse finds Sandra Tse Wing-yan, the only speaker with those words', async () => {
    const live = (await LiveCorpus.open(resolve(LABELLED, 'dev'))) as LiveCorpus;
    const reply = JSON.parse(renderJson((await answerLine('/who speaker:Sandra Tse', { live, commands: await loadCommands(), json: true }))!));
    expect(reply.ok).toBe(true);
    expect(reply.passages.map((p: { text: string }) => p.text)).toContain('She listed three priorities.');
  });
});

describe('/who topic where nobody is quoted', () => {
  let live: LiveCorpus;
  beforeAll(async () => {
    live = (await LiveCorpus.open(CORPUS_DIR)) as LiveCorpus;
  });

  it('says nobody is quoted on it and shows where the reports mention it', async () => {
    const reply = JSON.parse(renderJson((await answerLine('/who topic:主辦', { live, commands: await loadCommands(), json: true }))!));
    expect(reply.notice).toContain('Nobody is quoted on "主辦"');
    expect(reply.passages[0].text).toContain('峰會由大灣區國際信息科技協會主辦');
    expect(reply.passages[0].speaker).toBeNull();
  });
});
