/**
 * English <-> Chinese words for one corpus: the dictionary (data/dictionary.json, from CC-CEDICT;
 * `npm run gen:dictionary`) cut down to the senses the corpus can use. An English word keeps the
 * Chinese words whose every bigram occurs in the corpus (so "arbitration" finds 仲裁 only where
 * a report says 仲裁), a Chinese word the English senses whose every word occurs in it. The summit
 * glossary (glossary.ts) is asked first and wins where both know a word: it holds what the
 * dictionary lacks or gets wrong for this summit (AI, 超算, HKEX).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';

type Row = [word: string, senses: string, keys?: string];

/**
 * The dictionary, read once per process when a question first needs it (or when a bot warms it
 * up in slices, see warmDictionary), with its English index. Nothing is built per corpus: each
 * corpus filters at question time, so a reload costs nothing here, and a question that needs no
 * dictionary (a Chinese run the corpus holds) reads none.
 */
interface Dictionary {
  senses: Map<string, string[]>;
  /** English key (see englishKey) -> the words with that sense. */
  words: Map<string, string[]>;
  longest: number;
}

class Loader {
  // The file holds one word a line (see gen-dictionary.ts), so it is parsed a slice of lines at
  // a time: warming it never holds the event loop for long.
  private rows: string[] | null = null;
  private next = 0;
  private readonly built: Dictionary = { senses: new Map(), words: new Map(), longest: 0 };

  get done(): boolean {
    return this.rows !== null && this.next >= this.rows.length;
  }

  /** Reads up to `count` more words into the maps. */
  step(count: number): void {
    this.rows ??= readFileSync(join(PROJECT_ROOT, 'data', 'dictionary.json'), 'utf8').split('\n');
    const { senses, words } = this.built;
    const end = Math.min(this.rows.length, this.next + count);
    for (; this.next < end; this.next++) {
      const line = this.rows[this.next]!.replace(/,$/, '');
      if (!line.startsWith('["')) continue; // the array's own brackets
      const [word, list, keyList] = JSON.parse(line) as Row;
      const split = list.split('|');
      const keys = keyList ? keyList.split('|') : split;
      senses.set(word, split);
      if (word.length > this.built.longest) this.built.longest = word.length;
      for (const key of keys) {
        const had = words.get(key);
        if (!had) words.set(key, [word]);
        else had.push(word);
      }
    }
    if (this.done) this.rows = [];
  }

  dictionary(): Dictionary {
    while (!this.done) this.step(Number.MAX_SAFE_INTEGER);
    return this.built;
  }
}
const loader = new Loader();
const dictionary = () => loader.dictionary();

/**
 * Reads the dictionary in slices, a turn of the event loop between them, so a bot that is up
 * answers meanwhile and its first English question finds it ready.
 */
export async function warmDictionary(): Promise<void> {
  while (!loader.done) {
    loader.step(2000);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** British and American spellings, singular and plural, as one: centre/center, data sets/set. */
export function englishKey(phrase: string): string {
  let out = '';
  for (const raw of phrase.toLowerCase().split(/[\s-]+/)) out += (out ? ' ' : '') + wordKey(raw);
  return out;
}

// Plain string tests, no patterns: the whole dictionary's senses go through here once.
function wordKey(word: string): string {
  let w = word;
  const n = w.length;
  if (n > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (n > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('tre')) w = `${w.slice(0, -3)}ter`;
  for (const [from, to] of BRITISH) {
    if (w.length > from.length + 2 && w.endsWith(from)) {
      w = w.slice(0, -from.length) + to;
      break;
    }
  }
  return w;
}
const BRITISH: [string, string][] = [
  ['isation', 'ization'],
  ['ising', 'izing'],
  ['ised', 'ized'],
  ['ise', 'ize'],
  ['our', 'or'],
  ['ogramme', 'ogram'],
  ['ence', 'ense'],
];

/**
 * The forms an inflected English word may come from, for a dictionary that lists base forms:
 * organized -> organize, helped -> help, planned -> plan, copied -> copy, making -> make,
 * processes -> process, digitally -> digital, applications -> application -> apply. A guess
 * that is no word finds nothing, so guessing wide costs nothing but a lookup.
 */
export function baseForms(word: string): string[] {
  const out: string[] = [];
  const n = word.length;
  const add = (w: string) => {
    if (w.length >= 3 && w !== word && !out.includes(w)) out.push(w);
  };
  if (n > 4 && word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (n > 4 && word.endsWith('ed')) {
    const stem = word.slice(0, -2);
    add(stem);
    add(`${stem}e`);
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) add(stem.slice(0, -1));
  }
  if (n > 5 && word.endsWith('ing')) {
    const stem = word.slice(0, -3);
    add(stem);
    add(`${stem}e`);
    if (stem.length > 2 && stem.at(-1) === stem.at(-2)) add(stem.slice(0, -1));
  }
  if (n > 4 && word.endsWith('es')) add(word.slice(0, -2));
  if (n > 4 && word.endsWith('ly')) add(word.slice(0, -2));
  // Nouns of action name their verb: application -> apply, organization -> organize.
  if (n > 7 && word.endsWith('ication')) add(`${word.slice(0, -7)}y`);
  if (n > 7 && word.endsWith('ization')) add(`${word.slice(0, -5)}e`);
  if (n > 6 && word.endsWith('ation')) {
    add(word.slice(0, -5));
    add(`${word.slice(0, -5)}e`);
  }
  if (n > 5 && word.endsWith('ment')) add(word.slice(0, -4));
  // Adjectives of a field name it: ethical -> ethics, economic -> economy, digital -> digit.
  if (n > 5 && word.endsWith('ical')) add(`${word.slice(0, -2)}s`);
  if (n > 5 && word.endsWith('ic')) add(`${word}s`);
  if (n > 5 && word.endsWith('ic')) add(`${word.slice(0, -2)}y`);
  if (n > 5 && /[^aeiou]er$/.test(word)) add(word.slice(0, -2));
  return out;
}

export interface Lexicon {
  /** Chinese words (folded) the corpus uses for an English phrase (its key, see englishKey). */
  chinese(englishPhrase: string): string[];
  /** English senses the corpus uses for a folded Chinese word. */
  english(chineseWord: string): string[];
  /**
   * Chinese words the corpus holds that share an English sense with a folded Chinese word the
   * corpus does not hold (参加 -> 出席 through "participate"): a question worded otherwise than
   * the report. Senses of one or two words only, so a long gloss does not pair unrelated words.
   */
  synonyms(chineseWord: string): string[];
  /** The longest dictionary words in a folded Han run, left to right, for a Chinese question. */
  segment(run: string): string[];
  /** True when every bigram of a folded Han run occurs in the corpus. */
  holds(run: string): boolean;
}

/**
 * `hasHan(bigram)` and `hasLatin(word)` say whether the corpus holds a term; the lexicon gives
 * only what they accept.
 */
export function buildLexicon(hasHan: (bigram: string) => boolean, hasLatin: (word: string) => boolean): Lexicon {
  const holds = (run: string) => {
    for (let i = 0; i + 2 <= run.length; i++) if (!hasHan(run.slice(i, i + 2))) return false;
    return true;
  };
  return {
    holds,
    chinese(phrase) {
      // The phrase as typed, and its last word's other forms (organised -> organize, helped ->
      // help, applications -> apply): an English word's senses are spread over its forms
      // (application is 應用, apply for is 申請).
      const { words } = dictionary();
      const key = englishKey(phrase);
      const found = new Set((words.get(key) ?? []).filter(holds));
      // Two words are also their compound: "data sets" is the dictionary's "dataset".
      if (/^[a-z]+ [a-z]+$/.test(key)) for (const w of words.get(key.replace(' ', '')) ?? []) if (holds(w)) found.add(w);
      const at = key.lastIndexOf(' ') + 1;
      for (const form of baseForms(key.slice(at))) for (const w of words.get(key.slice(0, at) + form) ?? []) if (holds(w)) found.add(w);
      return [...found];
    },
    synonyms(word) {
      const { senses, words } = dictionary();
      const found = new Set<string>();
      for (const sense of senses.get(word) ?? []) {
        if (sense.split(' ').length > 2) continue;
        for (const other of words.get(englishKey(sense)) ?? []) if (other !== word && other.length >= 2 && holds(other)) found.add(other);
      }
      return [...found].slice(0, 8);
    },
    english: (word) => (dictionary().senses.get(word) ?? []).filter((sense) => sense.split(' ').every((w) => w.length < 3 || hasLatin(w))),
    segment(run) {
      // Longest dictionary word first; characters no word covers stay together as one piece
      // (超算 of 超算中心, a name), a lone one is dropped as the bigram tokens drop it.
      const { senses, longest } = dictionary();
      const out: string[] = [];
      let loose = '';
      const flush = () => {
        if (loose.length > 1) out.push(loose);
        loose = '';
      };
      for (let i = 0; i < run.length; ) {
        let len = Math.min(longest, run.length - i);
        while (len > 1 && !senses.has(run.slice(i, i + len))) len--;
        if (len > 1) {
          flush();
          out.push(run.slice(i, i + len));
        } else loose += run[i];
        i += len;
      }
      flush();
      return out.length > 0 ? out : [run];
    },
  };
}
