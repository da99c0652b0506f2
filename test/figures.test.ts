/**
 * Figures in a passage's text: what a user sees in /stats. Each figure is quoted exactly as
 * written, with its value, what it measures, its qualifier and its currency.
 */
import { describe, expect, it } from 'vitest';
import { findFigures } from '../src/ingest/figures.ts';

/** The figures of a sentence, as their texts. */
const texts = (sentence: string) => findFigures(sentence).map((f) => f.text);

/** The one figure of a sentence written `text`; it must be an exact substring at its offset. */
function figure(sentence: string, text: string) {
  const found = findFigures(sentence);
  const f = found.find((x) => x.text === text);
  if (!f) throw new Error(`no figure ${text} in ${sentence}; found ${found.map((x) => x.text).join(' | ') || 'none'}`);
  expect(sentence.slice(f.start, f.start + f.text.length)).toBe(f.text);
  return f;
}

describe('figures in digits', () => {
  it('tells shares, money and counts apart, with the currency the text names', () => {
    expect(figure('屆時將有80%的人類每天與它們接觸', '80%')).toMatchObject({ value: 80, unit: '%', measure: 'percent' });
    expect(figure('較去年增長35％。', '35％')).toMatchObject({ value: 35, measure: 'percent' });
    expect(figure('將達到1,060億美元。', '1,060億美元')).toMatchObject({ value: 1.06e11, unit: '美元', measure: 'currency', currency: 'USD' });
    expect(figure('涉及逾350億港元貸款', '逾350億港元')).toMatchObject({ value: 3.5e10, qualifier: '逾', measure: 'currency', currency: 'HKD' });
    expect(figure('人民幣500億元的貸款', '人民幣500億元')).toMatchObject({ value: 5e10, unit: '元', measure: 'currency', currency: 'CNY' });
    expect(figure('投資1,000億元人民幣', '1,000億元人民幣')).toMatchObject({ value: 1e11, measure: 'currency', currency: 'CNY' });
    expect(figure('已開放超過5,500個數據集', '超過5,500個')).toMatchObject({ value: 5500, unit: '個', qualifier: '超過', measure: 'count' });
    expect(figure('約2萬人出席', '約2萬人')).toMatchObject({ value: 20000, unit: '人', qualifier: '約', measure: 'count' });
    expect(figure('預計規模達1.2萬億', '達1.2萬億')).toMatchObject({ value: 1.2e12, measure: 'count' });
  });

  it('leaves the currency unknown when 元 or $ stands alone', () => {
    const yuan = figure('交易額預計將超過120億元', '超過120億元');
    expect(yuan).toMatchObject({ value: 1.2e10, unit: '元', measure: 'currency' });
    expect(yuan.currency).toBeUndefined();
    const dollars = figure('The plan costs $40 million.', '$40 million');
    expect(dollars).toMatchObject({ value: 4e7, unit: '$', measure: 'currency' });
    expect(dollars.currency).toBeUndefined();
  });

  it('reads English figures with their currency, magnitude and unit', () => {
    expect(figure('about 30 per cent of firms', 'about 30 per cent')).toMatchObject({ value: 30, unit: 'per cent', qualifier: 'about', measure: 'percent' });
    expect(figure('rose 30 percent', '30 percent')).toMatchObject({ value: 30, unit: 'percent', measure: 'percent' });
    expect(figure('a fund of HK$1.2 billion', 'HK$1.2 billion')).toMatchObject({ value: 1.2e9, unit: 'HK$', measure: 'currency', currency: 'HKD' });
    expect(figure('could add US$3 million to output', 'US$3 million')).toMatchObject({ value: 3e6, unit: 'US$', measure: 'currency', currency: 'USD' });
    expect(figure('RMB500 million this year', 'RMB500 million')).toMatchObject({ value: 5e8, unit: 'RMB', measure: 'currency', currency: 'CNY' });
    expect(figure('a €20 million grant', '€20 million')).toMatchObject({ value: 2e7, measure: 'currency', currency: 'EUR' });
    expect(figure('a budget of 1.2bn', '1.2bn')).toMatchObject({ value: 1.2e9, unit: 'bn', measure: 'count' });
    expect(figure('opened more than 5,500 datasets to the public', 'more than 5,500 datasets')).toMatchObject({
      value: 5500,
      unit: 'datasets',
      qualifier: 'more than',
      measure: 'count',
    });
    expect(figure('drew 5,000 people', '5,000 people')).toMatchObject({ value: 5000, unit: 'people' });
  });

  it('does not take a word ending in s for the unit', () => {
    expect(texts('It will cost HK$200 million this year.')).toEqual(['HK$200 million']);
  });

  it('finds no figure in years, dates or names with digits', () => {
    for (const sentence of [
      '預計到2030年，與智能型機器人的日常互動將成為常態',
      '香港在2023年6月與國家互聯網信息辦公室簽訂了備忘錄',
      '香港 Web3.0 標準化協會合辦',
      '5G網絡覆蓋全港',
      'COVID-19個案大減',
      'The summit opened on January 16, 2025.',
      'Tan, who took office in 2023, said so.',
      'By 2030 robots will be common.',
      'HONG KONG, Jan 16 (Harbour Wire) - pledged',
      'Web3.0 standards and 5G networks',
      'after COVID-19 patients were counted',
    ]) {
      expect(texts(sentence), sentence).toEqual([]);
    }
  });
});
