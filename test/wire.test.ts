/** Wire-service conventions: occasion phrases, 據…介紹, English titles before names, and aliases across languages. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands } from '../commands/index.ts';
import { answerLine } from '../src/console/console.ts';
import type { Corpus } from '../src/corpus/load.ts';
import { LiveCorpus } from '../src/corpus/live.ts';
import { renderJson } from '../src/render/json.ts';
import { load, passageWith } from './helpers.ts';
import { resolve } from 'node:path';

const WIRE = resolve(import.meta.dirname, 'fixtures/corpus-wire');
let corpus: Corpus;
beforeAll(async () => {
  corpus = await load(WIRE);
});

describe('wire reports', () => {
  it('reads 在致辭中表示, 在會上指出, 據…介紹 and a quote before 在接受採訪時說', () => {
    const who = (fragment: string) => passageWith(corpus, fragment).attribution?.speaker ?? null;
    expect(who('特区政府将加快数字基建建设')).toBe('陈志坚');
    expect(who('他说，数据是新质生产力的重要要素')).toBe('陈志坚');
    expect(who('国际数据产业联盟已吸引超过50家企业加入')).toBe('林海峰');
    expect(who('人工智能的发展离不开高质量数据')).toBe('李大明');
    expect(who('“数据跨境流动是大势所趋。”')).toBe('王美华');
    const roles = Object.fromEntries(corpus.speakers.map((s) => [s.name, s.roles]));
    expect(roles.陈志坚).toEqual(['香港特区政府数字政策专员']);
    expect(roles.李大明).toEqual(['全国人大代表', '香港科技大学教授']);
    expect(roles.林海峰).toContain('大会主席');
    expect(corpus.articles.find((a) => a.meta.id === 'wire-zh')!.stories[0]!.reporters).toEqual(['赵小燕']);
  });

  it('reads Hong Kong papers: a space after the title, a name before 亦, 「…」 then the speaker, (…報道) bylines', () => {
    const who = (fragment: string) => passageWith(corpus, fragment).attribution?.speaker ?? null;
    expect(who('政府會繼續推動數據流通')).toBe('何志明');
    expect(who('他續稱，香港有獨特優勢')).toBe('何志明');
    expect(who('「我們要把握機遇。」')).toBe('何志明');
    expect(who('本港已有逾4,000間初創企業')).toBe('馮東');
    expect(who('她又說，政府會加強支援')).toBe('馮東');
    expect(corpus.speakers.find((s) => s.name === '何志明')!.roles).toEqual(['財務局局長']);
    expect(corpus.speakers.find((s) => s.name === '馮東')!.roles).toEqual(['科技局局長']);
    expect(corpus.articles.find((a) => a.meta.id === 'wire-hk')!.stories[0]!.reporters).toEqual(['陳小明']);
    expect(passageWith(corpus, '科技協會昨舉辦論壇').text).toBe('科技協會昨舉辦論壇。');
    expect(who('論壇意義重大')).toBe('羅家輝');
  });

  it('keeps an English title apart from the name, and reads "said its chairman, NAME"', () => {
    expect(passageWith(corpus, 'Financial Secretary Joseph Lam said').attribution?.speaker).toBe('Joseph Lam');
    expect(passageWith(corpus, 'Lam told delegates').attribution?.speaker).toBe('Joseph Lam');
    expect(corpus.speakers.find((s) => s.name === 'Joseph Lam')!.roles).toEqual(['Financial Secretary']);
  });

  it('reads a title of several words before a name, an honorific, an apposition after a surname, and quotes then 他說', () => {
    const who = (fragment: string) => passageWith(corpus, fragment).attribution?.speaker ?? null;
    expect(who('"We will publish 500 new datasets this year,"')).toBe('Mark Tan');
    expect(who('"That is a promise," he said.')).toBe('Mark Tan');
    expect(who('Tan, who took office in 2023, said')).toBe('Mark Tan');
    expect(who('He added that privacy rules would be tightened.')).toBe('Mark Tan');
    expect(who('Dr. Alice Wong, director of the Data Institute')).toBe('Alice Wong');
    expect(corpus.speakers.find((s) => s.name === 'Mark Tan')!.roles).toEqual(['Digital Policy Commissioner']);
    expect(corpus.speakers.find((s) => s.name === 'Alice Wong')!.roles).toEqual(['director of the Data Institute']);
    expect(corpus.articles.find((a) => a.meta.id === 'briefing-en')!.stories[0]!.reporters).toEqual(['Jane Roe', 'Tim Poe']);
    expect(who('數據是新的生產要素')).toBe('王大文');
    expect(who('他強調：「我們要加快步伐。」')).toBe('王大文');
    expect(who('「香港有獨特優勢。」')).toBe('王大文');
  });

  it('is one person across languages through the aliases file', async () => {
    const lin = corpus.speakers.find((s) => s.name === '林海峰')!;
    expect(lin.aliases).toContain('Lin Haifeng');
    expect(lin.roles).toEqual(expect.arrayContaining(['大会主席', 'chairman']));
    expect(corpus.speakers.some((s) => s.name === 'Lin Haifeng')).toBe(false);
    const live = (await LiveCorpus.open(WIRE)) as LiveCorpus;
    const reply = await answerLine('/who speaker:Lin Haifeng', { live, commands: await loadCommands(), json: true });
    const json = JSON.parse(renderJson(reply!));
    const texts = json.passages.map((p: { text: string }) => p.text);
    expect(texts).toContain('据大会主席林海峰介绍，国际数据产业联盟已吸引超过50家企业加入。');
    expect(texts).toContain('The alliance already has more than 50 members, said its chairman, Lin Haifeng.');
  });
});
