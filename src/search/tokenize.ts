/**
 * Tokens for Chinese and English text, on folded text (see fold.ts) so both scripts meet.
 *
 * MiniSearch's default tokenizer splits on spaces and punctuation, which leaves a whole Chinese
 * clause as one token. Here a Han run gives its overlapping character bigrams: no dictionary,
 * nothing to miss, and a word of any length is found as the run of its bigrams (all must match,
 * and matches standing together rank first — see SearchIndex). Intl.Segmenter's words were
 * tried as extra tokens: they added nothing the bigrams missed on the golden set and cost 80%
 * of the tokenizing time, so they are not used. A number gives itself without thousands
 * separators, with its magnitude and with its unit (5,500個 -> 5500, 5500个), so 350億 in a
 * query meets 逾350億元 in the text.
 */
import { fold } from '../text/fold.ts';
import { chineseEquivalents, englishEquivalents, longestPhrases, type EnglishPhrase, singular } from './glossary.ts';
import type { Lexicon } from './lexicon.ts';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z][a-z0-9]*(?:['’][a-z]+)?/g;
const NUMBER = /(\d+(?:\.\d+)?)(万亿|亿|万|千|百)?(%|[\p{Script=Han}])?/gu;

/**
 * Folded text with thousands separators between digits removed, and where each char came from:
 * `origin(i)` is the offset in `text` of the normalized text's char i (folding keeps every char
 * in its place; only a removed separator shifts what follows).
 */
export function normalize(text: string): { text: string; origin: (i: number) => number } {
  const folded = fold(text);
  // Most texts have no separator to remove: the folded text is the answer, offsets unchanged.
  let first = -1;
  for (let i = folded.indexOf(','); i >= 0; i = folded.indexOf(',', i + 1)) {
    if (isSeparator(folded, i)) {
      first = i;
      break;
    }
  }
  if (first < 0) return { text: folded, origin: (i) => i };
  const codes: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (i >= first && isSeparator(folded, i)) continue;
    codes.push(folded.charCodeAt(i));
    kept.push(i);
  }
  kept.push(folded.length);
  // Built from char codes in one go: a flat string, not a rope of one-character pieces (which
  // would cost the corpus's folded copies several times their size).
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return { text: out, origin: (i) => kept[i]! };
}

/** A comma between digits with three digits after it: a thousands separator (5,500). */
function isSeparator(text: string, i: number): boolean {
  return (
    text.charCodeAt(i) === 0x2c &&
    isDigit(text.charCodeAt(i - 1)) &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3)) &&
    !isDigit(text.charCodeAt(i + 4))
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Folded text without thousands separators: every document term is a substring of it. */
export function normalizedText(text: string): string {
  return normalize(text).text;
}

function bigrams(run: string, into: string[]): void {
  for (let i = 0; i + 2 <= run.length; i++) into.push(run.slice(i, i + 2));
}

function numberTokens(text: string, into: string[]): void {
  for (const m of text.matchAll(NUMBER)) {
    const [, digits, magnitude = '', unit = ''] = m;
    into.push(digits!);
    if (magnitude) into.push(digits! + magnitude);
    if (unit) into.push(digits! + magnitude + unit);
  }
}

/** Tokens of a passage (or any indexed text). */
export function documentTokens(text: string): string[] {
  return normalizedTokens(normalizedText(text));
}

/** Tokens of text already normalized (see normalizedText). */
export function normalizedTokens(norm: string): string[] {
  const tokens: string[] = [];
  for (const m of norm.matchAll(HAN_RUN)) {
    const run = m[0];
    if (run.length === 1) tokens.push(run);
    else bigrams(run, tokens);
  }
  for (const m of norm.matchAll(LATIN_WORD)) tokens.push(m[0].replace(/['’]s$/, ''));
  numberTokens(norm, tokens);
  return tokens;
}

// Question words and particles that carry no topic: removed from queries before tokenizing.
const QUERY_STOP_HAN = [
  '為什麼',
  '什麼',
  '甚麼',
  '怎麼',
  '怎樣',
  '如何',
  '哪些',
  '哪個',
  '誰',
  '說了',
  '說過',
  '講了',
  '談到',
  '提到過',
  '關於',
  '有關',
  '對於',
  '請問',
  '一下',
  '認為',
  '表示',
  '的',
  '了',
  '嗎',
  '呢',
  '吧',
  '和',
  '與',
  '及',
  // Asking how much, who, whether, in Cantonese too: the question, not its topic.
  '有多少人',
  '多少人',
  '幾多人',
  '多少位',
  '幾多位',
  '多少名',
  '幾多個',
  '多少個',
  '有多少',
  '多少',
  '幾多',
  '有幾',
  '幾成',
  '多大',
  '多久',
  '幾時',
  '何時',
  '什麼時候',
  '邊個',
  '邊位',
  '邊度',
  '哪裡',
  '哪裏',
  '哪位',
  '點樣',
  '怎麼樣',
  '有沒有',
  '有冇',
  '是否',
  '會不會',
  '會唔會',
  '而家',
  '現在',
  '目前',
  '咩',
  '嘅',
  '喺',
  '咗',
  '係',
  '是誰',
  '是什麼',
  // "This" summit: the one every report is about.
  '這次',
  '今次',
  '此次',
  '本次',
  '這個',
  '這場',
  '呢個',
  '呢次',
]
  .map(fold)
  .sort((a, b) => b.length - a.length);
const QUERY_STOP_LATIN = new Set(
  'what who whom whose did does do say said says tell told about the a an of on in to is are was were be and or for with how why when which me please think thinks thought any there their they he she it its this that these those from by at as many much has have had been being will would could can should may might yet up get got one ones'.split(
    ' ',
  ),
);

/**
 * A question's topic as groups that must all match (AND); a group matches when any of its
 * alternatives does (OR), an alternative when all its terms do (AND). Alternatives carry the
 * other language's words for glossary topics (privacy / 隱私).
 */
export interface TopicQuery {
  groups: string[][][];
  /** Each group's words as the question typed them (or as folded, where typing cannot be told), for the notice. */
  labels: string[];
  /** Every term of every group, for the any-term fallback. */
  terms: string[];
  /** True when the query had words but all were question words or single characters. */
  onlyStopWords: boolean;
}

function hanTerms(run: string): string[] {
  const out: string[] = [];
  bigrams(run, out);
  return [...new Set(out)];
}

function latinTerms(phrase: string): string[] {
  const words = (phrase.match(LATIN_WORD) ?? []).map((w) => w.replace(/['’]s$/, ''));
  // "world of finance" is world and finance: a passage need not say "of".
  const topical = words.filter((w) => !QUERY_STOP_LATIN.has(w));
  return topical.length > 0 ? topical : words;
}

/**
 * With a lexicon (the corpus's cut of the dictionary, see lexicon.ts), English words the glossary
 * lacks bring their Chinese words, and a Han run the corpus does not hold as written is read as
 * its words, each a group of its own with its English senses (超算中心使用率 of a Chinese
 * question finds an English report's "supercomputing centre"). A run the corpus holds stays one
 * run: its own passages rank first.
 */
export function topicQuery(query: string, lexicon?: Lexicon, typed: string = query): TopicQuery {
  let { text: norm, origin } = normalize(query);
  // Blanked to the same length, so an offset in `norm` still finds the typed word.
  for (const stop of QUERY_STOP_HAN) if (norm.includes(stop)) norm = norm.split(stop).join(' '.repeat(stop.length));
  const groups: string[][][] = [];
  const labels: string[] = [];
  const typedAt = (start: number, length: number) => typed.slice(origin(start), origin(start + length));

  for (const m of norm.matchAll(HAN_RUN)) {
    const run = m[0];
    if (run.length < 2) continue;
    const split = lexicon !== undefined && !lexicon.holds(run);
    let at = 0;
    for (const word of split ? lexicon.segment(run) : [run]) {
      at = run.indexOf(word, at);
      labels.push(typedAt(m.index + at, word.length));
      at += word.length;
      // A sense of two words is also their compound: "data set" and "dataset".
      const senses = [...chineseEquivalents(word), ...(split ? lexicon.english(word) : [])];
      // A longer word also means what its first or last word means (金融界 is about 金融,
      // finance): a weaker reading, but one an English report can hold.
      if (split && word.length >= 3) {
        for (let len = word.length - 1; len >= 2; len--) senses.push(...lexicon.english(word.slice(0, len)), ...lexicon.english(word.slice(-len)));
      }
      const english = [...senses, ...senses.filter((e) => /^[a-z]+ [a-z]+$/.test(e)).map((e) => e.replace(' ', ''))].map(latinTerms);
      const synonyms = split && !lexicon.holds(word) ? lexicon.synonyms(word).map(hanTerms) : [];
      groups.push(distinct([hanTerms(word), ...synonyms, ...english]));
    }
  }

  const phrases = englishEquivalents(norm);
  if (lexicon) phrases.push(...dictionaryPhrases(norm, phrases, lexicon));
  const inPhrase = new Set(phrases.flatMap((p) => p.words.flatMap((w) => [w, ...w.split('-')])));
  for (const p of phrases) {
    const alternatives = [latinTerms(p.phrase), ...p.chinese.map((c) => (/\p{Script=Han}/u.test(c) ? hanTerms(c) : latinTerms(c)))];
    groups.push(distinct(alternatives));
    labels.push(p.phrase);
  }
  for (const m of norm.matchAll(LATIN_WORD)) {
    const word = m[0].replace(/['’]s$/, '');
    if (QUERY_STOP_LATIN.has(word) || word.length < 2 || inPhrase.has(word) || inPhrase.has(word.replace(/s$/, ''))) continue;
    groups.push([[word]]);
    labels.push(typedAt(m.index, m[0].length));
  }
  for (const m of norm.matchAll(NUMBER)) {
    const number: string[] = [];
    numberTokens(m[0], number);
    groups.push([number]);
    labels.push(typedAt(m.index, m[0].length));
  }

  const terms = [...new Set(groups.flat(2))];
  const hadWords = /[\p{L}\p{N}]/u.test(query);
  return { groups, labels, terms, onlyStopWords: hadWords && terms.length === 0 };
}

/** One alternative per distinct set of terms: "ai" and its equivalent "AI" are one. */
function distinct(alternatives: string[][]): string[][] {
  return [...new Map(alternatives.filter((a) => a.length > 0).map((a) => [a.join(' '), a])).values()];
}

/**
 * English words of the question the glossary left, as the longest phrases (three words, two,
 * one) the dictionary has Chinese words for in this corpus: "data sets", "medical records".
 */
function dictionaryPhrases(norm: string, taken: { words: string[] }[], lexicon: Lexicon): EnglishPhrase[] {
  const used = new Set(taken.flatMap((p) => p.words));
  // The glossary matches words as singulars: "risks" is taken when its "risk" is.
  const words = (norm.match(LATIN_WORD) ?? []).filter((w) => !QUERY_STOP_LATIN.has(w) && !used.has(w) && !used.has(singular(w)));
  return longestPhrases(words, (phrase) => lexicon.chinese(phrase));
}

/** True for a Latin word, the only kind of term that gets prefix and fuzzy matching. */
export function isLatinWord(term: string): boolean {
  return /^[a-z][a-z0-9]*$/.test(term);
}
