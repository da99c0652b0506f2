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

/**
 * Folded form of every UTF-16 code unit, as one table: folding is then one lookup per unit and
 * one string built at the end, which keeps the hot paths (tokenizing, highlighting) light.
 */
const FOLD = new Uint16Array(65536);
for (let code = 0; code < 65536; code++) FOLD[code] = code;
for (let code = 0x41; code <= 0x5a; code++) FOLD[code] = code + 32;
// Full-width ASCII FF01-FF5E maps one to one onto 21-7E (then lower case); the ideographic space.
for (let code = 0xff01; code <= 0xff5e; code++) FOLD[code] = FOLD[code - 0xfee0]!;
FOLD[0x3000] = 0x20;
// Cased letters outside ASCII: Latin-1, Latin Extended, Greek, Cyrillic.
for (let code = 0xc0; code <= 0x52f; code++) {
  const lower = String.fromCharCode(code).toLowerCase();
  if (lower.length === 1) FOLD[code] = lower.charCodeAt(0);
}
for (const [from, to] of toSimplified) FOLD[from.charCodeAt(0)] = to.charCodeAt(0);

const CHUNK = 4096;
let buffer = new Uint16Array(256);

export function fold(text: string): string {
  const n = text.length;
  if (n > buffer.length) buffer = new Uint16Array(Math.max(n, buffer.length * 2));
  for (let i = 0; i < n; i++) buffer[i] = FOLD[text.charCodeAt(i)]!;
  if (n <= CHUNK) return String.fromCharCode.apply(null, buffer.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK) out += String.fromCharCode.apply(null, buffer.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
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
