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

type Row = [word: string, senses: string];
let rows: Row[] | null = null;

/** The whole dictionary, read once, when a corpus first needs it. */
function dictionary(): Row[] {
  rows ??= JSON.parse(readFileSync(join(PROJECT_ROOT, 'data', 'dictionary.json'), 'utf8')) as Row[];
  return rows;
}

/** British and American spellings, singular and plural, as one: centre/center, data sets/set. */
export function englishKey(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) =>
      w
        .replace(/(?<=[a-z]{3})(?:ies)$/, 'y')
        .replace(/(?<=[a-z]{2}[^siu])s$/, '')
        .replace(/(?<=[a-z]{2})tre$/, 'ter')
        .replace(/(?<=[a-z]{3})is(e|ed|es|ing|ation)$/, 'iz$1')
        .replace(/(?<=[a-z]{2})our$/, 'or')
        .replace(/ogramme$/, 'ogram')
        .replace(/ence$/, 'ense'),
    )
    .join(' ');
}

export interface Lexicon {
  /** Chinese words (folded) the corpus uses for an English phrase (its key, see englishKey). */
  chinese(englishPhrase: string): string[];
  /** English senses the corpus uses for a folded Chinese word. */
  english(chineseWord: string): string[];
  /** The longest dictionary words in a folded Han run, left to right, for a Chinese question. */
  segment(run: string): string[];
  /** True when every bigram of a folded Han run occurs in the corpus. */
  holds(run: string): boolean;
}

/**
 * `hasHan(bigram)` and `hasLatin(word)` say whether the corpus holds a term; the lexicon keeps
 * only what they accept.
 */
export function buildLexicon(hasHan: (bigram: string) => boolean, hasLatin: (word: string) => boolean): Lexicon {
  const toChinese = new Map<string, string[]>();
  const toEnglish = new Map<string, string[]>();
  const words = new Set<string>();
  let longest = 0;
  for (const [word, senses] of dictionary()) {
    words.add(word);
    longest = Math.max(longest, word.length);
    let inCorpus = true;
    for (let i = 0; i + 2 <= word.length && inCorpus; i++) inCorpus = hasHan(word.slice(i, i + 2));
    for (const sense of senses.split('|')) {
      if (inCorpus) {
        const key = englishKey(sense);
        const list = toChinese.get(key);
        if (!list) toChinese.set(key, [word]);
        else if (!list.includes(word)) list.push(word);
      }
      if (sense.split(' ').every((w) => w.length < 3 || hasLatin(w))) {
        const list = toEnglish.get(word);
        if (!list) toEnglish.set(word, [sense]);
        else list.push(sense);
      }
    }
  }
  return {
    holds(run) {
      for (let i = 0; i + 2 <= run.length; i++) if (!hasHan(run.slice(i, i + 2))) return false;
      return true;
    },
    chinese: (phrase) => toChinese.get(englishKey(phrase)) ?? [],
    english: (word) => toEnglish.get(word) ?? [],
    segment(run) {
      // Longest dictionary word first; characters no word covers stay together as one piece
      // (超算 of 超算中心, a name), a lone one is dropped as the bigram tokens drop it.
      const out: string[] = [];
      let loose = '';
      const flush = () => {
        if (loose.length > 1) out.push(loose);
        loose = '';
      };
      for (let i = 0; i < run.length; ) {
        let len = Math.min(longest, run.length - i);
        while (len > 1 && !words.has(run.slice(i, i + len))) len--;
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
