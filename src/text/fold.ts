/**
 * Script folding: Traditional and Simplified Chinese, full-width and half-width forms, upper and
 * lower case all fold to one form, so 數據, 数据 and ＡＩ/ai compare equal. The folded string has
 * exactly the length of its input, character for character, so an offset found in folded text
 * is the same offset in the verbatim text — that is what lets a quote stay untouched while
 * everything is matched on folded forms. The character tables come from OpenCC (fold-map.ts).
 */
import { TO_SIMPLIFIED, TO_TRADITIONAL } from './fold-map.ts';

function table(pairs: string): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < pairs.length; i += 2) map.set(pairs[i]!, pairs[i + 1]!);
  return map;
}
const toSimplified = table(TO_SIMPLIFIED);
let toTraditional: Map<string, string> | null = null;

function foldChar(ch: string): string {
  const simple = toSimplified.get(ch);
  if (simple) return simple;
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
  // Full-width ASCII block FF01-FF5E maps one to one onto 21-7E.
  if (code >= 0xff01 && code <= 0xff5e) return foldChar(String.fromCharCode(code - 0xfee0));
  if (code === 0x3000) return ' ';
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
}

/** The Simplified spelling, case and width kept. */
export function simplified(text: string): string {
  let out = '';
  for (const ch of text) out += toSimplified.get(ch) ?? ch;
  return out;
}

/** The Traditional (Hong Kong) spelling of a Simplified name, for showing and matching aliases. */
export function traditional(text: string): string {
  toTraditional ??= table(TO_TRADITIONAL);
  let out = '';
  for (const ch of text) out += toTraditional.get(ch) ?? ch;
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

/** True when a meaningful number of the Han characters are Traditional forms. */
export function looksTraditional(text: string): boolean {
  let changed = 0;
  for (const ch of text.slice(0, 4000)) if (toSimplified.has(ch) && ++changed >= 3) return true;
  return false;
}
