/**
 * Full dates as newspapers and press releases write them: 2025-01-16, 2025年1月16日,
 * January 16, 2025, Jan. 16, 2025, 16 January 2025. The patterns are exported as sources so the
 * block reader can build whole-line datelines and footers from the same pieces.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export const MONTH_EN = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
export const WEEKDAY_EN = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
export const DATE_ISO = String.raw`(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}`;
export const DATE_ZH = String.raw`(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`;
export const DATE_EN = String.raw`(?:${MONTH_EN}\s+\d{1,2},?\s+(?:19|20)\d\d|\d{1,2}\s+${MONTH_EN},?\s+(?:19|20)\d\d)`;

const ANY_DATE = new RegExp(String.raw`(?<![\d.])(?:${DATE_ISO}|${DATE_ZH})(?![\d.])|\b${DATE_EN}\b`, 'gu');

function iso(year: string, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The ISO form of one written date, or null when it is not a full date. */
function readDate(written: string): string | null {
  const numeric = /^(\d{4})\D+(\d{1,2})\D+(\d{1,2})/u.exec(written);
  if (numeric) return iso(numeric[1]!, Number(numeric[2]), Number(numeric[3]));
  const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(written);
  if (monthFirst) return iso(monthFirst[3]!, monthOf(monthFirst[1]!), Number(monthFirst[2]));
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(written);
  if (dayFirst) return iso(dayFirst[3]!, monthOf(dayFirst[2]!), Number(dayFirst[1]));
  return null;
}

/** The first full date in `text`, as YYYY-MM-DD. */
export function findDate(text: string): string | null {
  for (const m of text.matchAll(ANY_DATE)) {
    const date = readDate(m[0]);
    if (date) return date;
  }
  return null;
}
