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
      'Web 3.0 standards and Industry 4.0 plans',
      '工業4.0時代的5G基站',
    ]) {
      expect(texts(sentence), sentence).toEqual([]);
    }
  });
});

describe('Chinese numerals in words', () => {
  it('reads shares in 成, 百分之 and 分之', () => {
    expect(figure('三成受訪者表示已使用人工智能', '三成')).toMatchObject({ value: 30, unit: '成', qualifier: '', measure: 'percent' });
    expect(figure('超過三成受訪企業考慮增加本地客源', '超過三成')).toMatchObject({ value: 30, unit: '成', qualifier: '超過', measure: 'percent' });
    expect(figure('近八成企業計劃調整策略', '近八成')).toMatchObject({ value: 80, qualifier: '近', measure: 'percent' });
    expect(figure('有兩成半中小企已使用雲端服務', '兩成半')).toMatchObject({ value: 25, unit: '成', qualifier: '', measure: 'percent' });
    expect(figure('有两成半中小企已使用云端服务', '两成半')).toMatchObject({ value: 25, measure: 'percent' });
    expect(figure('七成五市民支持開放數據', '七成五')).toMatchObject({ value: 75, measure: 'percent' });
    expect(figure('兩成七將加強人工智能應用', '兩成七')).toMatchObject({ value: 27, measure: 'percent' });
    expect(figure('逾3成企業已上雲', '逾3成')).toMatchObject({ value: 30, qualifier: '逾', measure: 'percent' });
    expect(figure('屆時將有百分之八十的人類每天與它們接觸', '百分之八十')).toMatchObject({ value: 80, unit: '百分之', measure: 'percent' });
    expect(figure('百分之四十五的企業', '百分之四十五')).toMatchObject({ value: 45, unit: '百分之', qualifier: '', measure: 'percent' });
    expect(figure('增幅達百分之四十五。', '達百分之四十五')).toMatchObject({ value: 45, qualifier: '達', measure: 'percent' });
    expect(figure('按年增長百分之3.5', '百分之3.5')).toMatchObject({ value: 3.5, measure: 'percent' });
    const twoThirds = figure('三分之二的受訪者認同', '三分之二');
    expect(twoThirds).toMatchObject({ unit: '分之', qualifier: '', measure: 'percent' });
    expect(twoThirds.value).toBeCloseTo(66.667, 3);
  });

  it('reads counts and money with their magnitude, qualifier and unit', () => {
    expect(figure('涉及的信貸批核總額逾千億元', '逾千億元')).toMatchObject({ value: 1e11, unit: '元', qualifier: '逾', measure: 'currency' });
    expect(figure('吸引近千名業界代表參加', '近千名')).toMatchObject({ value: 1000, unit: '名', qualifier: '近', measure: 'count' });
    expect(figure('去年發表了十二項核心建議', '十二項')).toMatchObject({ value: 12, unit: '項', qualifier: '', measure: 'count' });
    expect(figure('已有二十多家企業加入', '二十多家')).toMatchObject({ value: 20, unit: '家', qualifier: '多', measure: 'count' });
    expect(figure('十多家銀行參與', '十多家')).toMatchObject({ value: 10, qualifier: '多' });
    expect(figure('一千二百億的市場', '一千二百億')).toMatchObject({ value: 1.2e11, unit: '億', qualifier: '', measure: 'count' });
    expect(figure('市場規模將達一千二百億', '達一千二百億')).toMatchObject({ value: 1.2e11, unit: '億', qualifier: '達' });
    expect(figure('市場規模約一千二百億美元', '約一千二百億美元')).toMatchObject({ value: 1.2e11, unit: '美元', measure: 'currency', currency: 'USD' });
    expect(figure('培訓兩萬名數據人才', '兩萬名')).toMatchObject({ value: 20000, unit: '名' });
    expect(figure('人數將增至兩萬', '兩萬')).toMatchObject({ value: 20000, unit: '萬', qualifier: '', measure: 'count' });
    expect(figure('政府撥款五千萬', '五千萬')).toMatchObject({ value: 5e7, unit: '萬', qualifier: '', measure: 'count' });
    expect(figure('撥款五千萬港元', '五千萬港元')).toMatchObject({ value: 5e7, measure: 'currency', currency: 'HKD' });
    expect(figure('全國十三億人', '十三億人')).toMatchObject({ value: 1.3e9, unit: '人' });
    expect(figure('總投資三點五億元人民幣', '三點五億元人民幣')).toMatchObject({ value: 3.5e8, measure: 'currency', currency: 'CNY' });
    expect(figure('吸引數千名觀眾', '數千名')).toMatchObject({ value: 1000, qualifier: '數' });
    expect(figure('撥款一千萬元', '一千萬元')).toMatchObject({ value: 1e7, measure: 'currency' });
    expect(figure('投入千萬元建設平台', '千萬元')).toMatchObject({ value: 1e7, measure: 'currency' });
    expect(figure('兩萬五千人次', '兩萬五千人')).toMatchObject({ value: 25000 });
    expect(figure('月薪一萬二', '一萬二')).toMatchObject({ value: 12000 });
  });

  it('keeps the digits forms with a magnitude of two characters', () => {
    expect(figure('規模達1.2萬億', '達1.2萬億')).toMatchObject({ value: 1.2e12, unit: '萬億' });
    expect(figure('撥款5千萬元', '5千萬元')).toMatchObject({ value: 5e7, unit: '元' });
  });

  it('finds every figure of a sentence, in words and in digits, text kept as written', () => {
    const sentence = '調查顯示，29%的受訪企業計劃未來3年拓展新市場；近八成受訪企業計劃調整策略，超過三成考慮增加本地客源，兩成七將加強數字技術應用。';
    expect(texts(sentence)).toEqual(['29%', '近八成', '超過三成', '兩成七']);
    expect(texts('2021年數字經濟規模達到45.5萬億元，佔GDP比重近四成。')).toEqual(['45.5萬億元', '近四成']);
  });

  it('finds no figure in ordinals, set words and idioms', () => {
    for (const sentence of [
      '第三，推動數據跨境流通',
      '一是促進數據流動，二是擴建數字基建，三是加快數字化轉型',
      '第一階段設施亦已投入服務',
      '在「一國兩制」下，香港有着獨特優勢',
      '與鞏固提升三大中心地位相結合',
      '展望2025年數字經濟十大趨勢',
      '成立聯盟是邁出的關鍵一步',
      '共同推動一帶一路建設',
      '各界一同努力',
      '數據跨境流動需要統一的規則',
      '香港是唯一一個擁有這些優勢的城市',
      '一些企業已經落戶',
      '大灣區是經濟活力最強的區域之一',
      '萬一數據洩露，後果嚴重',
      '千萬不要忽視私隱保護',
      '政府未來將在三方面着力',
      '這是一個重要里程碑，並通過一項決議',
      '將設立一家公司及一間研究所',
      '十項措施逐一落實',
      '一成不變的做法行不通',
      '二十國集團峰會',
      '黨的二十大以來',
      '「十四五」規劃',
      '星期三舉行論壇；周一開幕',
      '三四十家企業、一兩個部門',
      '千家萬戶受惠，百家爭鳴',
      '數以千計的企業',
      '一千年前',
      '二〇二五年一月十六日',
      '十二月舉行',
      '成為亞太數據中心樞紐，三成為中小企',
      '國際數據產業聯盟正式成立',
      '數據的價值，數字人民幣App境外版',
    ]) {
      expect(texts(sentence), sentence).toEqual([]);
    }
  });
});

describe('English numbers in words', () => {
  it('reads fractions and ratios as shares', () => {
    const twoThirds = figure('More than two-thirds of respondents agreed.', 'More than two-thirds');
    expect(twoThirds).toMatchObject({ unit: 'thirds', qualifier: 'More than', measure: 'percent' });
    expect(twoThirds.value).toBeCloseTo(66.667, 3);
    expect(figure('two-thirds majority', 'two-thirds').value).toBeCloseTo(66.667, 3);
    expect(figure('about a third of firms use the cloud', 'about a third').value).toBeCloseTo(33.333, 3);
    expect(figure('one-third of the Internet economy', 'one-third').value).toBeCloseTo(33.333, 3);
    expect(figure('three-quarters of members', 'three-quarters')).toMatchObject({ value: 75, measure: 'percent' });
    expect(figure('nearly half of them were start-ups', 'nearly half')).toMatchObject({ value: 50, unit: 'half', qualifier: 'nearly', measure: 'percent' });
    expect(figure('half of the delegates', 'half')).toMatchObject({ value: 50, measure: 'percent' });
    expect(figure('about three in ten came from the mainland', 'about three in ten')).toMatchObject({ value: 30, unit: 'in ten', qualifier: 'about', measure: 'percent' });
    expect(figure('one in five firms', 'one in five')).toMatchObject({ value: 20, measure: 'percent' });
    expect(figure('Seven out of 10 users', 'Seven out of 10')).toMatchObject({ value: 70, measure: 'percent' });
  });

  it('reads counts and money in words with their unit', () => {
    expect(figure('Twenty firms signed up.', 'Twenty firms')).toMatchObject({ value: 20, unit: 'firms', qualifier: '', measure: 'count' });
    expect(figure('it signed twenty firms', 'twenty firms')).toMatchObject({ value: 20, unit: 'firms' });
    expect(figure('some twenty-five delegates left', 'some twenty-five delegates')).toMatchObject({ value: 25, qualifier: 'some' });
    expect(figure('two hundred and fifty delegates', 'two hundred and fifty delegates')).toMatchObject({ value: 250 });
    expect(figure('five million people use it', 'five million people')).toMatchObject({ value: 5e6, unit: 'people', measure: 'count' });
    expect(figure('worth five million', 'five million')).toMatchObject({ value: 5e6, unit: 'million' });
    expect(figure('a million users', 'a million users')).toMatchObject({ value: 1e6 });
    expect(figure('a dozen rules', 'a dozen rules')).toMatchObject({ value: 12, unit: 'rules', measure: 'count' });
    expect(figure('it took a dozen.', 'a dozen')).toMatchObject({ value: 12, unit: 'dozen' });
    expect(figure('Half a dozen banks joined.', 'Half a dozen banks')).toMatchObject({ value: 6 });
    expect(figure('thirty-five per cent of firms', 'thirty-five per cent')).toMatchObject({ value: 35, measure: 'percent' });
    expect(figure('five million dollars', 'five million dollars')).toMatchObject({ value: 5e6, measure: 'currency' });
    expect(figure('worth HKD96 billion', 'HKD96 billion')).toMatchObject({ value: 9.6e10, measure: 'currency', currency: 'HKD' });
  });

  it('finds no figure in "one of", "one day", ordinals, small counts or half-years', () => {
    for (const sentence of [
      'Data is one of the key drivers of growth.',
      'One day, they said, data would flow freely.',
      'He spoke first, and the second speaker agreed.',
      'The two sides agreed on three areas.',
      'Two years ago, I set up the committee.',
      'a third runway and the third quarter',
      'the remaining third comprised investment',
      'Twenty of them',
      'in the first half of 2024',
      'the second half of the year',
      'half an hour',
      'on behalf of members',
      'the twenty-first century',
      'a five-year plan',
      'Some say this is fine.',
    ]) {
      expect(texts(sentence), sentence).toEqual([]);
    }
  });
});

describe('a qualifier makes a quantity of what would not be one alone', () => {
  it('約四成為, 逾十家, "more than 42,000" are figures; 通過一項 is not', () => {
    expect(figure('當中約四成為大灣區內地企業', '約四成')).toMatchObject({ value: 40, measure: 'percent', qualifier: '約' });
    expect(figure('已有逾十家銀行參與', '逾十家')).toMatchObject({ value: 10, qualifier: '逾' });
    expect(figure('it had enabled more than 42,000 loan applications', 'more than 42,000')).toMatchObject({ value: 42000, qualifier: 'more than' });
    expect(texts('並通過一項決議')).toEqual([]);
  });
});
