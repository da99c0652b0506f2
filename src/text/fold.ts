/**
 * Script folding: Traditional and Simplified Chinese, full-width and half-width forms, upper and
 * lower case all fold to one form, so 數據, 数据 and ＡＩ/ai compare equal. The folded string has
 * exactly the length of its input, character for character, so an offset found in folded text
 * is the same offset in the verbatim text — that is what lets a quote stay untouched while
 * everything is matched on folded forms.
 */
import { Converter } from 'opencc-js/t2cn';
import { Converter as ConverterTraditional } from 'opencc-js/cn2t';

// Hong Kong variants (説, 着) as well as standard Traditional fold to Simplified.
const toSimplified = Converter({ from: 'hk', to: 'cn' });

function foldWidthAndCase(ch: string): string {
  const code = ch.charCodeAt(0);
  // Full-width ASCII block FF01-FF5E maps one to one onto 21-7E.
  if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) ch = ' ';
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

export function fold(text: string): string {
  let converted = toSimplified(text);
  if (converted.length !== text.length) {
    // A phrase rule changed the length; fall back to character-wise conversion, which never does.
    converted = Array.from(text, (ch) => {
      const one = toSimplified(ch);
      return one.length === ch.length ? one : ch;
    }).join('');
  }
  let out = '';
  for (let i = 0; i < converted.length; i++) out += foldWidthAndCase(converted[i]!);
  return out;
}

const HAN = /\p{Script=Han}/u;
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/** Share of Han characters among letters: tells Chinese text from English. */
export function hanShare(text: string): number {
  let han = 0;
  let letters = 0;
  for (const ch of text) {
    if (HAN.test(ch)) {
      han++;
      letters++;
    } else if (/\p{L}/u.test(ch)) letters++;
  }
  return letters === 0 ? 0 : han / letters;
}

/** True when folding to Simplified changes a meaningful share of the Han characters. */
export function looksTraditional(text: string): boolean {
  const sample = text.slice(0, 4000);
  const folded = toSimplified(sample);
  let changed = 0;
  for (let i = 0; i < Math.min(sample.length, folded.length); i++) if (sample[i] !== folded[i]) changed++;
  return changed >= 3;
}

const toTraditional = ConverterTraditional({ from: 'cn', to: 'hk' });
/** The Traditional (Hong Kong) spelling of a Simplified name, for showing and matching aliases. */
export function traditional(text: string): string {
  return toTraditional(text);
}
/** The Simplified spelling, case and width kept. */
export function simplified(text: string): string {
  return toSimplified(text);
}
