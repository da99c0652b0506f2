/**
 * Figures as written: a number with its qualifier (逾, 超過, 多, more than), magnitude (萬, 億,
 * million) and unit (個, 宗, 美元, %, people), with what it measures (a share, money, a count) and
 * its currency when the text names one. Numbers may be written in digits or in words: 三成,
 * 百分之八十, 三分之二, 近千名, 一千二百億, two-thirds, three in ten, twenty firms, five million.
 * Dates and years are not figures, nor digits inside names such as Web3.0, 5G or COVID-19.
 *
 * In words, most numerals in running text are no figure: 一 is "a" (一個, 一步), part of a word
 * (統一, 唯一, 之一, 一國兩制) or an ordinal (第三, 三是), and 千萬 is also "by all means". So a
 * numeral in words counts only with what makes it a quantity: 成, 百分之 or 分之; a magnitude
 * (兩萬, 近千名); or, for two characters or more, a unit (十二項, 二十多家). The same holds in
 * English: one to ten before a noun ("the two sides") is not reported.
 *
 * Chinese numerals are converted here rather than with a library such as nzh: the conversion is
 * thirty lines, while the harder part, telling a numeral from the 一 of 統一 in running text, no
 * converter does and has to be written here anyway.
 */
import type { Currency, FigureMeasure } from '../model.ts';

export interface FigureMatch {
  text: string;
  start: number;
  value: number;
  unit: string;
  qualifier: string;
  measure: FigureMeasure;
  currency?: Currency;
}

// 數千, 數百萬: "several" thousand counts as a qualifier before a magnitude only (數 is also 數據).
const CJK_QUALIFIER = '逾|超過|超过|超|約|约|將近|将近|接近|近|多於|多于|至少|達|达|高達|高达|共|合共|大約|大约|過|过|數(?=[百千萬万億亿])|数(?=[百千萬万億亿])';
const CJK_UNIT =
  '個百分點|个百分点|美元|港元|港幣|港币|元人民幣|元人民币|人民幣|人民币|歐元|欧元|日圓|日元|元|%|％|倍|個|个|位|宗|項|项|家|間|间|國|国|名|人|次|件|份|所|座|台|部|條|条|款|種|种|類|类|歲|岁|架|輛|辆|套|隻|只|萬|万|張|张|篇|場|场|噸|吨|公里|平方米|米';
// 人民幣500億元: the currency may stand before the number too.
const CJK_CURRENCY_BEFORE = '人民幣|人民币|港幣|港币';
const DIGITS = '\\d[\\d,]*(?:\\.\\d+)?';
const ZH_NUMERAL = '[零〇一二兩两三四五六七八九十百千萬万億亿]+(?:[點点][零〇一二三四五六七八九]+[萬万億亿]*)?';
const NUMBER = `${DIGITS}|${ZH_NUMERAL}`;
// Most characters of a Chinese text cannot start a figure; ruling them out first halves the scan.
const firstCharacters = (alternatives: string) => [...new Set(alternatives.split('|').map((a) => a[0]))].join('');
const CJK_START = `(?=[${firstCharacters(CJK_QUALIFIER)}${firstCharacters(CJK_CURRENCY_BEFORE)}\\d${ZH_NUMERAL.slice(1, ZH_NUMERAL.indexOf(']'))}])`;
const CJK_FIGURE = new RegExp(
  `${CJK_START}(?<qualifier>${CJK_QUALIFIER})?(?<currencyBefore>${CJK_CURRENCY_BEFORE})?(?:` +
    // 百分之八十, 百分之3.5
    `百分之(?<percent>${NUMBER})` +
    // 三分之二
    `|(?<denominator>${ZH_NUMERAL})分之(?<numerator>${ZH_NUMERAL})` +
    // 三成, 兩成半, 七成五: tenths, and the half or the digit of a tenth after 成
    `|(?<tenths>${ZH_NUMERAL}|\\d{1,2})成(?<hundredths>半|[一二三四五六七八九](?![十百千萬万億亿]))?` +
    `|(?<number>${NUMBER})(?<more1>多|餘|余)?(?<magnitude>[百千萬万億亿]+)?(?<more2>多|餘|余)?(?<unit>${CJK_UNIT})?` +
    ')',
  'gu',
);
const DATE_AFTER = /^(?:年|月|日|號|号|時|时|點|点|分|秒|月份|年代|週年|周年|季|世紀|世纪|[-–~至到]\d)/u;

const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 兩: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 萬: 1e4, 万: 1e4, 億: 1e8, 亿: 1e8 };
/** A magnitude standing for its number, as in 近千名, 逾千億元, 千萬元; not 千千萬萬. */
const BARE_MAGNITUDE = /^(?:[百千萬万億亿]|[百千][萬万億亿]|[萬万][億亿])$/u;
/** 第三, 星期三, 周一: ordinals and weekdays. */
const ORDINAL_BEFORE = /(?:第|星期|禮拜|礼拜|週|周)$/u;
/** 統一, 唯一, 之一, 逐一, 同一: 一 ending a word (the 萬 of 萬一 is caught by the converter). */
const ONE_ENDING = /[統统唯之初逐專专單单劃划同歸归純纯]$/u;
/** Words that a numeral starts but that are no figure: 一成不變, 二十國集團 (G20). */
const SET_WORD = /^(?:一成不[變变]|二十[國国]集[團团])/u;
/** 成 starting a word (成為, 成立, 成本): then it does not mean tenths. */
const CHENG_WORD = /^[為为立功長长本果員员熟交效就型份分績绩品都形真]/u;

/**
 * The value of a numeral in words: 十二 -> 12, 兩萬 -> 20000, 一千二百億 -> 1.2e11, 三點五 -> 3.5,
 * 一萬二 -> 12000 (the spoken short form). NaN when the characters make no single number: 一兩,
 * 三四 (one or two, three or four), 萬一 (in case).
 */
function zhValue(numeral: string): number {
  const [whole = '', decimals = ''] = numeral.split(/[點点]/u);
  if (/^[百千萬万億亿]/u.test(whole) && !BARE_MAGNITUDE.test(whole)) return NaN;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastUnit = 0;
  let afterUnit = false;
  for (const c of whole) {
    const d = ZH_DIGIT[c];
    if (d !== undefined) {
      if (d !== 0 && digit !== undefined && digit !== 0) return NaN;
      digit = d;
      afterUnit &&= d !== 0;
      continue;
    }
    const unit = ZH_UNIT[c]!;
    if (unit < 1e4) section += (digit ?? 1) * unit;
    else if (unit === 1e4) [total, section] = [total + (section + (digit ?? 0) || 1) * unit, 0];
    // 億 multiplies all before it, so that 萬億 is 1e12.
    else [total, section] = [(total + section + (digit ?? 0) || 1) * unit, 0];
    digit = undefined;
    lastUnit = unit;
    afterUnit = true;
  }
  const last = digit === undefined ? 0 : afterUnit && lastUnit >= 100 ? (digit * lastUnit) / 10 : digit;
  const fraction = decimals.match(/^[零〇一二三四五六七八九]+/u)?.[0] ?? '';
  const fractionValue = fraction ? Number(`0.${[...fraction].map((c) => ZH_DIGIT[c]).join('')}`) : 0;
  const scale = [...decimals.slice(fraction.length)].reduce((product, c) => product * ZH_UNIT[c]!, 1);
  return (total + section + last + fractionValue) * scale;
}

/** A number in digits (1,060, 3.5) or in words (一千二百). */
function numberValue(number: string): number {
  return /\d/.test(number) ? Number(number.replace(/,/g, '')) : zhValue(number);
}

/** What a CJK match reads as, or null when it is no figure. */
function readCjk(g: Record<string, string | undefined>, qualifier: string, after: string): { value: number; unit: string; more: string } | null {
  if (g.percent !== undefined) return { value: numberValue(g.percent), unit: '百分之', more: '' };
  if (g.denominator !== undefined) {
    const [denominator, numerator] = [zhValue(g.denominator), zhValue(g.numerator!)];
    return numerator > 0 && numerator < denominator ? { value: (100 * numerator) / denominator, unit: '分之', more: '' } : null;
  }
  if (g.tenths !== undefined) {
    const tenths = numberValue(g.tenths);
    const hundredths = g.hundredths ?? '';
    // 約四成為…: after a qualifier, 成 is tenths even before 為.
    if (!Number.isInteger(tenths) || tenths < 1 || tenths > 10 || (!hundredths && !qualifier && CHENG_WORD.test(after))) return null;
    return { value: tenths * 10 + (hundredths === '半' ? 5 : (ZH_DIGIT[hundredths] ?? 0)), unit: '成', more: '' };
  }
  const number = g.number!;
  const [more1 = '', magnitude = '', more2 = '', unit = ''] = [g.more1, g.magnitude, g.more2, g.unit];
  const more = more1 || more2;
  if (!unit && (DATE_AFTER.test(after) || /^[A-Za-z]/.test(after))) return null;
  const scale = [...magnitude].reduce((product, c) => product * ZH_UNIT[c]!, 1);
  if (/\d/.test(number)) {
    // A bare number is kept only in English text, where its unit is a word (handled below).
    if (!unit && !magnitude && !qualifier && !more) return null;
    return { value: numberValue(number) * scale, unit: unit || magnitude, more };
  }
  // In words, a numeral is a figure only with what makes it a quantity. A single character before
  // a measure word (一個, 三家, 一國) says "a" or "the three", unless 多 makes it an estimate
  // (十多家); a magnitude alone may be an adverb (千萬不要) or an idiom (千家萬戶) unless a
  // qualifier or a unit says otherwise.
  const bare = /^[百千萬万億亿]/u.test(number);
  const single = [...number].length === 1 && !magnitude;
  const worth = bare
    ? qualifier !== '' || ([...number].length > 1 && unit !== '')
    : single
      ? (more !== '' || /^(?:逾|超過|超过|約|约|近|接近|大約|大约|至少)$/u.test(qualifier)) && unit !== ''
      : unit !== '' || /[萬万億亿]/u.test(number + magnitude);
  if (!worth) return null;
  return { value: zhValue(number) * scale, unit: unit || magnitude || (number.match(/[萬万億亿]+$/u)?.[0] ?? ''), more };
}

/** Either case of each word's first letter: Twenty at the start of a sentence, twenty inside it. */
const cased = (words: string[]) => words.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|');
const EN_QUALIFIER = cased(['more than', 'over', 'about', 'nearly', 'almost', 'around', 'at least', 'up to', 'some', 'roughly', 'approximately']);
const EN_MAGNITUDE: Record<string, number> = { trillion: 1e12, billion: 1e9, bn: 1e9, million: 1e6, m: 1e6, thousand: 1e3 };
const EN_CURRENCY = 'US\\$|HK\\$|(?:RMB|HKD|USD|CNY|EUR) ?|\\$|€|£|¥';
// A plural noun after the number is its unit (5,500 datasets); these words end in s without being one.
const NOT_A_NOUN = 'this|does|plus|thus|less|unless|across|always|perhaps|versus|whereas|various|towards|besides|ones';
const EN_NOUN = `(?!(?:${NOT_A_NOUN})\\b)[a-z]{3,}s\\b|people\\b|staff\\b|children\\b|yuan\\b`;

const EN_ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_VALUE: Record<string, number> = Object.fromEntries([...EN_ONES.map((w, i) => [w, i + 1]), ...EN_TEENS.map((w, i) => [w, i + 10]), ...EN_TENS.map((w, i) => [w, (i + 2) * 10])]);
const EN_UNDER_HUNDRED = `(?:${cased(EN_TENS)})(?:-(?:${EN_ONES.join('|')}))?|${cased(EN_TEENS)}|${cased(EN_ONES)}`;
// twenty-five, two hundred and fifty, a dozen, half a dozen; "a" only before hundred, dozen or a magnitude.
const EN_WORD_NUMBER = `(?:${EN_UNDER_HUNDRED}|[Hh]alf a|[Aa])(?:\\s+hundred(?:\\s+and\\s+(?:${EN_UNDER_HUNDRED}))?|\\s+dozen)?`;
const EN_FIGURE = new RegExp(
  `(?:(?<qualifier>${EN_QUALIFIER})\\s+)?(?<currency>${EN_CURRENCY})?(?:(?<digits>\\d[\\d,]*(?:\\.\\d+)?)|\\b(?<words>${EN_WORD_NUMBER})\\b)` +
    `(?:\\s*(?<magnitude>trillion|billion|bn|million|thousand|m)\\b)?(?:\\s*(?<unit>%|percent\\b|per cent\\b|percentage points?\\b|${EN_NOUN}))?`,
  'g',
);

const EN_DENOMINATOR: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};
// two-thirds, a third of, half of: "a third" and "half" alone are also an ordinal and a half-year,
// so without a hyphen they need the "of" after them.
const EN_FRACTION = new RegExp(
  `(?:(?<qualifier>${EN_QUALIFIER})\\s+)?\\b(?:(?<numerator>${cased(EN_ONES)}|[Aa])(?<joint>[- ])(?<denominator>${Object.keys(EN_DENOMINATOR).join('|')})|(?<half>[Hh]alf))\\b(?<of>\\s+of\\b)?`,
  'g',
);
// three in ten, 1 out of 5
const EN_RATIO = new RegExp(
  `(?:(?<qualifier>${EN_QUALIFIER})\\s+)?(?:\\b(?<count>${EN_UNDER_HUNDRED})|(?<countDigits>\\d{1,3}))\\s+(?<total>(?:in|out of)\\s+(?:${EN_UNDER_HUNDRED.toLowerCase()}|a hundred|\\d{1,4}))\\b`,
  'g',
);

/** The value of a number in words: twenty-five -> 25, two hundred and fifty -> 250, half a dozen -> 6. */
function enValue(words: string): number {
  let value = 0;
  let factor = 1;
  for (const word of words.toLowerCase().split(/[\s-]+/)) {
    if (word === 'half') factor = 0.5;
    else if (word === 'a') value += 1;
    else if (word === 'hundred') value *= 100;
    else if (word === 'dozen') value *= 12;
    else if (word !== 'and') value += EN_VALUE[word] ?? NaN;
  }
  return value * factor;
}

/** Units that make a figure a share: percent, 成, 百分之, 分之 (fractions), per cent, percentage points. */
const PERCENT_UNIT = /^(?:%|％|成|百分之|分之|個百分點|个百分点|percent|per cent|percentage points?)$/;
/** Money as written, with its currency where the word says which; 元, $ and ¥ alone do not. */
const CURRENCY: Record<string, Currency | undefined> = {
  港元: 'HKD',
  港幣: 'HKD',
  港币: 'HKD',
  HK$: 'HKD',
  HKD: 'HKD',
  美元: 'USD',
  US$: 'USD',
  USD: 'USD',
  人民幣: 'CNY',
  人民币: 'CNY',
  元人民幣: 'CNY',
  元人民币: 'CNY',
  RMB: 'CNY',
  CNY: 'CNY',
  yuan: 'CNY',
  歐元: 'EUR',
  欧元: 'EUR',
  '€': 'EUR',
  EUR: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  日圓: 'JPY',
  日元: 'JPY',
  元: undefined,
  $: undefined,
  '¥': undefined,
  dollars: undefined,
};

/** What a figure measures, from the words around its number (its unit, a currency before it). */
function measureOf(...words: string[]): { measure: FigureMeasure; currency?: Currency } {
  const written = words.map((w) => w.trim()).filter(Boolean);
  if (written.some((w) => PERCENT_UNIT.test(w))) return { measure: 'percent' };
  if (!written.some((w) => Object.hasOwn(CURRENCY, w))) return { measure: 'count' };
  // 人民幣500億元: the word that names the currency wins over 元.
  const currency = written.map((w) => CURRENCY[w]).find(Boolean);
  return currency ? { measure: 'currency', currency } : { measure: 'currency' };
}

export function findFigures(text: string): FigureMatch[] {
  const found: FigureMatch[] = [];
  for (const m of text.matchAll(CJK_FIGURE)) {
    const whole = m[0];
    const { qualifier = '', currencyBefore = '' } = m.groups!;
    const start = m.index;
    const numeralStart = start + qualifier.length + currencyBefore.length;
    const numeral = text.slice(numeralStart, start + whole.length);
    const before = text[start - 1] ?? '';
    if (/\d/u.test(numeral[0] ?? '') && /[A-Za-z.\d第]/.test(before) && !qualifier && !currencyBefore) continue;
    if (partOfName(text, start)) continue;
    if (!/\d/u.test(numeral[0] ?? '') && inWord(text, numeralStart, numeral)) continue;
    const read = readCjk(m.groups!, qualifier, text.slice(start + whole.length));
    if (!read || !Number.isFinite(read.value)) continue;
    found.push({ text: whole, start, value: read.value, unit: read.unit, qualifier: qualifier || read.more, ...measureOf(read.unit, currencyBefore) });
  }
  for (const m of text.matchAll(EN_FRACTION)) {
    const { qualifier = '', numerator, joint, denominator, half, of } = m.groups!;
    const whole = m[0].slice(0, m[0].length - (of?.length ?? 0));
    const start = m.index;
    const spaced = half !== undefined || joint === ' ' || /^a$/i.test(numerator ?? '');
    if (spaced && !of) continue;
    // the first half of 2024 is a time, not a share
    if (half && /\b(?:first|second|latter|former|other)\s+$/i.test(text.slice(Math.max(0, start - 10), start))) continue;
    const [part, all] = half ? [1, 2] : [/^a$/i.test(numerator!) ? 1 : EN_VALUE[numerator!.toLowerCase()]!, EN_DENOMINATOR[denominator!]!];
    if (part >= all) continue;
    found.push({ text: whole, start, value: (100 * part) / all, unit: half ?? denominator!, qualifier, measure: 'percent' });
  }
  for (const m of text.matchAll(EN_RATIO)) {
    const { qualifier = '', count, countDigits, total } = m.groups!;
    const start = m.index;
    if (overlaps(found, start, m[0]) || /[A-Za-z\d.]/.test(text[start - 1] ?? '')) continue;
    const of = total!.replace(/^(?:in|out of)\s+/, '');
    const [part, all] = [countDigits ? Number(countDigits) : enValue(count!), /\d/.test(of) ? Number(of) : enValue(of)];
    if (!(part > 0 && part < all && all <= 1000)) continue;
    found.push({ text: m[0], start, value: (100 * part) / all, unit: total!, qualifier, measure: 'percent' });
  }
  for (const m of text.matchAll(EN_FIGURE)) {
    const whole = m[0].trim();
    const { qualifier = '', currency = '', digits, words, magnitude = '', unit = '' } = m.groups!;
    const start = m.index;
    if (overlaps(found, start, whole)) continue;
    const before = text[start - 1] ?? '';
    if (/[A-Za-z\d.]/.test(before) || partOfName(text, start)) continue;
    let value: number;
    if (digits !== undefined) {
      // "more than 42,000" says it is a quantity even without its noun.
      if (!currency && !magnitude && !unit && !qualifier) continue;
      // Years are not figures: 2025 standing alone or before a month.
      if (!currency && !magnitude && /^(?:19|20)\d\d$/.test(digits)) continue;
      value = Number(digits.replace(/,/g, ''));
    } else {
      value = enValue(words!);
      const counted = magnitude !== '' || /hundred|dozen/i.test(words!);
      // "a" and "half a" are numbers only before a hundred, a dozen or a magnitude; one to ten
      // before a noun say "the two sides", "three areas" (as 一個 and 三方面 do): not figures.
      if (!counted && (/^(?:half )?a$/i.test(words!) || value <= 10 || (!unit && !currency))) continue;
    }
    value *= EN_MAGNITUDE[magnitude.toLowerCase()] ?? 1;
    if (!Number.isFinite(value)) continue;
    found.push({ text: whole, start, value, unit: currency.trim() || unit || magnitude || (words?.match(/dozen|hundred/i)?.[0] ?? ''), qualifier, ...measureOf(unit, currency) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Is a numeral in words at `start` part of a word: 第三, 統一, 一成不變? */
function inWord(text: string, start: number, numeral: string): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  return ORDINAL_BEFORE.test(before) || (numeral.startsWith('一') && ONE_ENDING.test(before)) || SET_WORD.test(text.slice(start));
}

/** COVID-19, G-20, Web 3.0, Industry 4.0: digits after a letter and a hyphen, or after these words, belong to a name. */
function partOfName(text: string, start: number): boolean {
  return /(?:[A-Za-z]-|\b(?:Web|Industry) ?)$/.test(text.slice(Math.max(0, start - 9), start));
}

function overlaps(found: FigureMatch[], start: number, text: string): boolean {
  return found.some((f) => start < f.start + f.text.length && f.start < start + text.length);
}
