/**
 * Figures as written: a number with its qualifier (逾, 超過, 多, more than), magnitude (萬, 億,
 * million) and unit (個, 宗, 美元, %, people). Dates and years are not figures, nor digits inside
 * names such as Web3.0 or 5G.
 */

export interface FigureMatch {
  text: string;
  start: number;
  value: number;
  unit: string;
  qualifier: string;
}

const CJK_QUALIFIER = '逾|超過|超过|超|約|约|近|接近|多於|多于|至少|達|达|高達|高达|共|合共|大約|大约|過|过';
const CJK_MAGNITUDE: Record<string, number> = { 萬億: 1e12, 万亿: 1e12, 億: 1e8, 亿: 1e8, 萬: 1e4, 万: 1e4, 千: 1e3, 百: 1e2 };
const CJK_UNIT =
  '個百分點|个百分点|美元|港元|港幣|港币|人民幣|人民币|歐元|欧元|日圓|日元|元|%|％|倍|個|个|位|宗|項|项|家|間|间|國|国|名|人|次|件|份|所|座|台|部|條|条|款|種|种|類|类|歲|岁|架|輛|辆|套|隻|只|萬|万|張|张|篇|場|场|噸|吨|公里|平方米|米';
const CJK_FIGURE = new RegExp(
  `(${CJK_QUALIFIER})?(\\d[\\d,]*(?:\\.\\d+)?)(多|餘|余)?(萬億|万亿|億|亿|萬|万|千|百)?(多|餘|余)?(${CJK_UNIT})?`,
  'gu',
);
const DATE_AFTER = /^(?:年|月|日|號|号|時|时|點|点|分|秒|月份|年代|週年|周年|季|世紀|世纪|[-–~至到]\d)/u;

const EN_QUALIFIER = 'more than|over|about|nearly|almost|around|at least|up to|some|roughly|approximately';
const EN_MAGNITUDE: Record<string, number> = { trillion: 1e12, billion: 1e9, bn: 1e9, million: 1e6, m: 1e6, thousand: 1e3 };
const EN_FIGURE = new RegExp(
  `(?:(${EN_QUALIFIER})\\s+)?((?:US|HK|RMB)?\\$|HK\\$|€|£|¥)?(\\d[\\d,]*(?:\\.\\d+)?)(?:\\s*(trillion|billion|bn|million|thousand|m)\\b)?(?:\\s*(%|percent|per cent|[a-z]{3,}s\\b))?`,
  'g',
);

export function findFigures(text: string): FigureMatch[] {
  const found: FigureMatch[] = [];
  for (const m of text.matchAll(CJK_FIGURE)) {
    const [whole, qualifier = '', digits, more1 = '', magnitude = '', more2 = '', unit = ''] = m;
    const start = m.index;
    const before = text[start - 1] ?? '';
    const after = text.slice(start + whole.length);
    if (/[A-Za-z.\d第]/.test(before) && !qualifier) continue;
    if (!unit && !magnitude && !qualifier && !more1 && !more2) {
      // A bare number is kept only in English text, where its unit is a word (handled below).
      continue;
    }
    if (/^[A-Za-z]/.test(after) && !unit) continue;
    if (DATE_AFTER.test(after) && !unit) continue;
    const value = Number(digits!.replace(/,/g, '')) * (CJK_MAGNITUDE[magnitude] ?? 1);
    found.push({ text: whole, start, value, unit: unit || magnitude, qualifier: qualifier || more1 || more2 });
  }
  for (const m of text.matchAll(EN_FIGURE)) {
    const [whole, qualifier = '', currency = '', digits, magnitude = '', unit = ''] = m;
    const start = m.index;
    if (found.some((f) => start < f.start + f.text.length && f.start < start + whole.length)) continue;
    const before = text[start - 1] ?? '';
    if (/[A-Za-z\d.]/.test(before)) continue;
    if (!currency && !magnitude && !unit) continue;
    // Years are not figures: 2025 standing alone or before a month.
    if (!currency && !magnitude && /^(?:19|20)\d\d$/.test(digits!)) continue;
    const value = Number(digits!.replace(/,/g, '')) * (EN_MAGNITUDE[magnitude.toLowerCase()] ?? 1);
    found.push({ text: whole.trim(), start, value, unit: (currency ? currency + ' ' : '') + unit || magnitude, qualifier });
  }
  return found.sort((a, b) => a.start - b.start);
}
