/**
 * Query planning: what a question asks for, and in which order to try the ways of answering it.
 *
 * A question is the people it names (matched as their sentences, not as characters) and its
 * topic terms, in groups: a group is matched when one of its alternatives is, all of its terms
 * (數據跨境 → its bigrams; privacy → privacy, or 隱私 through the glossary). Every group must match
 * first (AND); only when nothing does, the groups the reports have words for, and then any term
 * (OR). Prefix and fuzzy matching apply to
 * Latin words only — on Chinese bigrams they would match nonsense.
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
