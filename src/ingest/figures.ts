/**
 * Figures as written: a number with its qualifier (逾, 超過, 多, more than), magnitude (萬, 億,
 * million) and unit (個, 宗, 美元, %, people), with what it measures (a share, money, a count) and
 * its currency when the text names one. Dates and years are not figures, nor digits inside names
 * such as Web3.0, 5G or COVID-19.
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

const CJK_QUALIFIER = '逾|超過|超过|超|約|约|近|接近|多於|多于|至少|達|达|高達|高达|共|合共|大約|大约|過|过';
const CJK_MAGNITUDE: Record<string, number> = { 萬億: 1e12, 万亿: 1e12, 億: 1e8, 亿: 1e8, 萬: 1e4, 万: 1e4, 千: 1e3, 百: 1e2 };
const CJK_UNIT =
  '個百分點|个百分点|美元|港元|港幣|港币|元人民幣|元人民币|人民幣|人民币|歐元|欧元|日圓|日元|元|%|％|倍|個|个|位|宗|項|项|家|間|间|國|国|名|人|次|件|份|所|座|台|部|條|条|款|種|种|類|类|歲|岁|架|輛|辆|套|隻|只|萬|万|張|张|篇|場|场|噸|吨|公里|平方米|米';
// 人民幣500億元: the currency may stand before the number too.
const CJK_CURRENCY_BEFORE = '人民幣|人民币|港幣|港币';
const CJK_FIGURE = new RegExp(
  `(${CJK_QUALIFIER})?(${CJK_CURRENCY_BEFORE})?(\\d[\\d,]*(?:\\.\\d+)?)(多|餘|余)?(萬億|万亿|億|亿|萬|万|千|百)?(多|餘|余)?(${CJK_UNIT})?`,
  'gu',
);
const DATE_AFTER = /^(?:年|月|日|號|号|時|时|點|点|分|秒|月份|年代|週年|周年|季|世紀|世纪|[-–~至到]\d)/u;

const EN_QUALIFIER = 'more than|over|about|nearly|almost|around|at least|up to|some|roughly|approximately';
const EN_MAGNITUDE: Record<string, number> = { trillion: 1e12, billion: 1e9, bn: 1e9, million: 1e6, m: 1e6, thousand: 1e3 };
// A plural noun after the number is its unit (5,500 datasets); these words end in s without being one.
const NOT_A_NOUN = 'this|does|plus|thus|less|unless|across|always|perhaps|versus|whereas|various|towards|besides|ones';
const EN_NOUN = `(?!(?:${NOT_A_NOUN})\\b)[a-z]{3,}s\\b|people\\b|staff\\b|children\\b|yuan\\b`;
const EN_FIGURE = new RegExp(
  `(?:(${EN_QUALIFIER})\\s+)?(US\\$|HK\\$|RMB ?|\\$|€|£|¥)?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s*(trillion|billion|bn|million|thousand|m)\\b)?(?:\\s*(%|percent\\b|per cent\\b|percentage points?\\b|${EN_NOUN}))?`,
  'g',
);

/** Units that make a figure a share: percent, 成, 百分之, per cent, percentage points. */
const PERCENT_UNIT = /^(?:%|％|成|百分之|個百分點|个百分点|percent|per cent|percentage points?)$/;
/** Money as written, with its currency where the word says which; 元, $ and ¥ alone do not. */
const CURRENCY: Record<string, Currency | undefined> = {
  港元: 'HKD', 港幣: 'HKD', 港币: 'HKD', 'HK$': 'HKD',
  美元: 'USD', 'US$': 'USD',
  人民幣: 'CNY', 人民币: 'CNY', 元人民幣: 'CNY', 元人民币: 'CNY', RMB: 'CNY', yuan: 'CNY',
  歐元: 'EUR', 欧元: 'EUR', '€': 'EUR', euros: 'EUR',
  '£': 'GBP', 日圓: 'JPY', 日元: 'JPY',
  元: undefined, $: undefined, '¥': undefined, dollars: undefined,
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
    const [whole, qualifier = '', currencyBefore = '', digits, more1 = '', magnitude = '', more2 = '', unit = ''] = m;
    const start = m.index;
    const before = text[start - 1] ?? '';
    const after = text.slice(start + whole.length);
    if (/[A-Za-z.\d第]/.test(before) && !qualifier && !currencyBefore) continue;
    if (partOfName(text, start)) continue;
    if (!unit && !magnitude && !qualifier && !more1 && !more2) {
      // A bare number is kept only in English text, where its unit is a word (handled below).
      continue;
    }
    if (/^[A-Za-z]/.test(after) && !unit) continue;
    if (DATE_AFTER.test(after) && !unit) continue;
    const value = Number(digits!.replace(/,/g, '')) * (CJK_MAGNITUDE[magnitude] ?? 1);
    found.push({ text: whole, start, value, unit: unit || magnitude, qualifier: qualifier || more1 || more2, ...measureOf(unit, currencyBefore) });
  }
  for (const m of text.matchAll(EN_FIGURE)) {
    const [whole, qualifier = '', currency = '', digits, magnitude = '', unit = ''] = m;
    const start = m.index;
    if (overlaps(found, start, whole.trim())) continue;
    const before = text[start - 1] ?? '';
    if (/[A-Za-z\d.]/.test(before) || partOfName(text, start)) continue;
    if (!currency && !magnitude && !unit) continue;
    // Years are not figures: 2025 standing alone or before a month.
    if (!currency && !magnitude && /^(?:19|20)\d\d$/.test(digits!)) continue;
    const value = Number(digits!.replace(/,/g, '')) * (EN_MAGNITUDE[magnitude.toLowerCase()] ?? 1);
    found.push({ text: whole.trim(), start, value, unit: currency.trim() || unit || magnitude, qualifier, ...measureOf(unit, currency) });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** COVID-19, G-20: digits after a letter and a hyphen belong to a name. */
function partOfName(text: string, start: number): boolean {
  return /[A-Za-z]-$/.test(text.slice(Math.max(0, start - 2), start));
}

function overlaps(found: FigureMatch[], start: number, text: string): boolean {
  return found.some((f) => start < f.start + f.text.length && f.start < start + text.length);
}
