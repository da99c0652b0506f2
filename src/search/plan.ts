/**
 * Query planning: what a question asks for, and in which order to try the ways of answering it.
 *
 * A question is the people it names (matched as their sentences, not as characters) and its
 * topic terms, in groups: a group is matched when one of its alternatives is, all of its terms
 * (數據跨境 → its bigrams; privacy → privacy, or 隱私 through the glossary). Every group must match
 * first (AND); only when nothing does, the groups the reports have words for, and then any term
 * (OR). Queries are tokenized here, not by MiniSearch, and prefix and fuzzy matching apply to
 * Latin words only — on Chinese bigrams they would match nonsense.
 *
 * Scale. MiniSearch scores and sorts every document a term occurs in, so a term found in most
 * passages (數據 in reports about a data summit) costs time in proportion to the corpus. Such
 * common terms are therefore not looked up: the rarer terms of the question find the candidates
 * in MiniSearch, and the common ones are checked in the candidates' folded text (exactly the
 * same condition, since every indexed term is a substring of it) and scored the same BM25 way.
 * A question made only of common terms scans the folded texts, which costs a few milliseconds
 * at 100,000 passages — less than any index lookup of a term that is everywhere.
 */
import type { Speaker } from '../model.ts';
import { fold } from '../text/fold.ts';
import type { NameBook } from './names.ts';
import type { Lexicon } from './lexicon.ts';
import { isLatinWord, topicQuery } from './tokenize.ts';

export interface Question {
  /** The people it names, each once. */
  people: Speaker[];
  /** Its topic terms: every group must match, a group through any of its alternatives, an alternative with all its terms. */
  groups: string[][][];
  /** Each group's words as typed, for telling the user what was and was not found. */
  labels: string[];
  /** Every topic term, once. */
  terms: string[];
  /** True when the topic held only question words (什麼, what …). */
  onlyStopWords: boolean;
}

export function readQuestion(query: string, names: NameBook, lexicon?: Lexicon): Question {
  const mentions = names.mentions(query);
  // Names are matched as people, not as text: cut them out of the topic words.
  let topic = fold(query);
  // Blanked to the same length: offsets in the topic are offsets in the query as typed.
  for (const m of [...mentions].sort((a, b) => b.start - a.start)) topic = topic.slice(0, m.start) + ' '.repeat(m.end - m.start) + topic.slice(m.end);
  const { groups, labels, terms, onlyStopWords } = topicQuery(topic, lexicon, query);
  const people = [...new Map(mentions.map((m) => [m.speaker.name, m.speaker])).values()];
  return { people, groups, labels, terms, onlyStopWords };
}

/** A term in more passages than this, by default, is common: 2% of the passages, at least 1,000. */
export function defaultCommonAbove(passages: number): number {
  return Math.max(1000, Math.round(passages * 0.02));
}

/** Which terms are common (checked in the candidates' text) and which rare (looked up). */
export class Rarity {
  constructor(
    private readonly frequencies: Map<string, number>,
    readonly commonAbove: number,
  ) {}

  /** Passages holding the term; 0 for a Latin word, which also matches as a prefix (member -> members) and so is always looked up. */
  frequency(term: string): number {
    if (isLatinWord(term)) return 0;
    return this.frequencies.get(term) ?? 0;
  }

  readonly rare = (term: string): boolean => isLatinWord(term) || this.frequency(term) <= this.commonAbove;

  readonly common = (term: string): boolean => this.frequency(term) > this.commonAbove;
}

/** How to find the passages matching every group of a question. */
export type AllTermsPlan =
  | { scan: true }
  | {
      scan: false;
      /** The groups to look up, each alternative cut down to its rare terms; the other groups are checked in the candidates' text. */
      lookups: string[][][];
      /** Then the candidates' scores are MiniSearch's as they come. */
      everyTermRare: boolean;
    };

/**
 * A group can be looked up when each of its alternatives has a rare term: those terms find the
 * candidates. So can a named person with few passages. With neither, nothing is selective: scan.
 */
export function planAllTerms(groups: string[][][], rare: (term: string) => boolean, fewPassages: boolean): AllTermsPlan {
  const lookups = groups.filter((alternatives) => alternatives.every((all) => all.some(rare)));
  if (lookups.length === 0 && !fewPassages) return { scan: true };
  return {
    scan: false,
    lookups: lookups.map((alternatives) => alternatives.map((all) => all.filter(rare))),
    everyTermRare: groups.every((alternatives) => alternatives.every((all) => all.every(rare))),
  };
}

/** One way of answering; `mode` is what the answer is when this way finds something. */
export type Step =
  | { match: 'all'; groups: string[][][]; people: Speaker[]; fuzzy: boolean; mode: 'all' | 'any' }
  | { match: 'any'; terms: string[]; people: Speaker[]; mode: 'any' }
  | { match: 'person'; people: Speaker[]; mode: 'all' };

/**
 * The ways of answering a question, best first: the caller stops at the first that finds a
 * passage. `occurs` tells whether any passage has a term.
 */
export function* steps(question: Question, occurs: (term: string) => boolean): Generator<Step> {
  const { people, groups, terms } = question;
  if (terms.length === 0) {
    if (people.length > 0) yield { match: 'person', people, mode: 'all' };
    return;
  }
  // The person's own sentences on the topic first; then anyone's on the topic.
  if (people.length > 0) yield { match: 'all', groups, people, fuzzy: false, mode: 'all' };
  yield { match: 'all', groups, people: [], fuzzy: false, mode: 'all' };
  // Fuzzy matching walks the whole term tree: kept for a second try, when the words as typed
  // (and as prefixes) found nothing — a typo, not the common case.
  if (terms.some(isLatinWord)) yield { match: 'all', groups, people: [], fuzzy: true, mode: 'all' };
  // A person named by office or name, but in none of their sentences with all these words
  // ("what did the liaison office official warn about"): their sentences holding some of them,
  // before anyone else's.
  if (people.length > 0) yield { match: 'any', terms, people, mode: 'any' };
  // Words the reports never use (an English word the glossary lacks, a typo): the rest of the
  // question, all of it, before any single word.
  const known = groups.filter((alternatives) => alternatives.some((all) => all.every(occurs)));
  if (known.length > 0 && known.length < groups.length) yield { match: 'all', groups: known, people, fuzzy: false, mode: 'any' };
  yield { match: 'any', terms, people: [], mode: 'any' };
}
