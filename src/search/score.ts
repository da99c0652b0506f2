/**
 * Scoring: how well a passage answers a question, and keeping the best.
 *
 * Some terms are scored outside MiniSearch: the common terms of a question, checked in a
 * candidate's folded text, and every term of a scan. A passage must score the same however it was
 * found, or its rank would depend on the size of the corpus, so these scores are MiniSearch's own:
 * the one BM25+ formula below with the parameters MiniSearch is given too, a term's document
 * frequency, a passage's length in distinct terms (MiniSearch's field length), its weighting of
 * the longer words a Latin prefix matches, and the speaker field's boost. test/search.test.ts
 * checks that the answers are identical.
 *
 * The final score then weighs the passage's kind, the named person's own words and a matching
 * headline or list title; the best candidates are reranked by how close their matched words stand.
 */
import type { Passage } from '../model.ts';
import type { Span } from './quote.ts';
import { isLatinWord } from './tokenize.ts';

/** BM25+ parameters of every score, MiniSearch's included (they are its defaults). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** MiniSearch's default weight of a prefix match. */
const PREFIX_WEIGHT = 0.375;
/** Latin words as the tokenizer finds them in folded text. */
const LATIN_IN_TEXT = /[a-z][a-z0-9]*/g;
/** How much a story headline or list title holding every term of the question adds. */
const CONTEXT_WEIGHT = 0.2;
/** How many of the best candidates are reranked by the proximity of their matched words. */
export const RERANK = 50;

const KIND_WEIGHT: Record<Passage['kind'], number> = {
  body: 1,
  'list-item': 1,
  headline: 0.9,
  subhead: 0.8,
  caption: 0.7,
  'table-title': 0.9,
};

/** BM25's inverse document frequency, as MiniSearch computes it. */
export function inverseFrequency(passages: number, frequency: number): number {
  return Math.log(1 + (passages - frequency + 0.5) / (frequency + 0.5));
}

/** MiniSearch's BM25+ score of a term. */
export function bm25(idf: number, tf: number, length: number, averageLength: number): number {
  return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
}

export interface CompiledTerm {
  term: string;
  latin: boolean;
  idf: number;
}

/** BM25 of the terms of a question in the folded text of one passage, as MiniSearch would score them. */
export class Scorer {
  private readonly averageLength: number;
  private readonly idf = new Map<string, number>();
  private attributed: number | null = null;

  /**
   * `passages` in corpus order with their `lengths` in distinct terms; `frequency` is a term's
   * number of passages, `passagesBy` a speaker's passages.
   */
  constructor(
    private readonly passages: Passage[],
    lengths: number[],
    private readonly frequency: (term: string) => number,
    private readonly passagesBy: (name: string) => Passage[],
  ) {
    this.averageLength = lengths.reduce((n, l) => n + l, 0) / Math.max(1, lengths.length);
  }

  /** The question's terms with what scoring needs of each, worked out once per question. */
  compile(groups: string[][][]): CompiledTerm[][][] {
    return groups.map((alternatives) => alternatives.map((all) => all.map((term) => ({ term, latin: isLatinWord(term), idf: this.idfOf(term) }))));
  }

  /**
   * The score MiniSearch would give a passage for every group (its terms' BM25 summed, times
   * the number of terms matched, the named speaker's term counting as one), or -1 when a group
   * does not match. Allocates nothing: it runs for every passage of a scan.
   */
  scoreOnly(text: string, length: number, groups: CompiledTerm[][][], passage: Passage, people: Set<string>): number {
    let score = 0;
    let count = 0;
    for (const alternatives of groups) {
      let matched = false;
      for (const all of alternatives) {
        let s = 0;
        let ok = true;
        for (const { term, latin, idf } of all) {
          let termScore: number;
          if (latin) termScore = this.latinScore(text, term, length);
          else {
            const tf = occurrences(text, term);
            termScore = tf === 0 ? 0 : bm25(idf, tf, length, this.averageLength);
          }
          if (termScore === 0) {
            ok = false;
            break;
          }
          s += termScore;
        }
        if (!ok) continue;
        matched = true;
        score += s;
        count += all.length;
      }
      if (!matched) return -1;
    }
    if (people.size > 0) {
      const name = passage.attribution?.speaker;
      if (name && people.has(name)) return (score + this.speakerScore(name)) * (count + 1);
    }
    return score * count;
  }

  /**
   * Whether every group matches a folded text (some alternative with all its terms in it), and
   * the BM25 of the terms `scored` picks among the matching alternatives' terms — those not
   * already scored by MiniSearch. `present` may settle a term without looking at the text.
   */
  scoreGroups(
    text: string,
    length: number,
    groups: string[][][],
    scored: (term: string) => boolean,
    present: (term: string) => boolean | undefined = () => undefined,
  ): { score: number; terms: string[] } | null {
    let score = 0;
    const terms: string[] = [];
    for (const alternatives of groups) {
      // Like MiniSearch's OR: every alternative that matches adds its score.
      let matched = false;
      for (const all of alternatives) {
        let s = 0;
        const counted: string[] = [];
        let ok = true;
        for (const term of all) {
          const known = present(term);
          if (known === false) ok = false;
          if (known !== undefined) {
            if (!ok) break;
            continue;
          }
          const termScore = isLatinWord(term) ? this.latinScore(text, term, length) : this.hanScore(text, term, length);
          if (termScore === 0) {
            ok = false;
            break;
          }
          if (scored(term)) {
            s += termScore;
            counted.push(term);
          }
        }
        if (!ok) continue;
        matched = true;
        score += s;
        for (const t of counted) if (!terms.includes(t)) terms.push(t);
      }
      if (!matched) return null;
    }
    return { score, terms };
  }

  /** BM25 of whichever terms occur, or null when none does. */
  scoreAny(text: string, length: number, groups: string[][][]): { score: number; terms: string[] } | null {
    let score = 0;
    const terms: string[] = [];
    for (const [[term]] of groups as [[string]][]) {
      const termScore = isLatinWord(term) ? this.latinScore(text, term, length) : this.hanScore(text, term, length);
      if (termScore > 0) {
        score += termScore;
        terms.push(term);
      }
    }
    return terms.length ? { score, terms } : null;
  }

  /** BM25 of a term in a folded text, 0 when it is not there. */
  private hanScore(text: string, term: string, length: number): number {
    const tf = occurrences(text, term);
    return tf === 0 ? 0 : this.bm25(term, tf, length);
  }

  /**
   * BM25 of a Latin word as MiniSearch scores it with prefix search: the word itself, plus each
   * longer word it begins, weighted down by how much longer (member -> members).
   */
  private latinScore(text: string, term: string, length: number): number {
    if (!text.includes(term)) return 0;
    let score = 0;
    const counts = new Map<string, number>();
    for (const m of text.matchAll(LATIN_IN_TEXT)) if (m[0].startsWith(term)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
    for (const [word, tf] of counts) {
      const weight = word === term ? 1 : term.length >= 3 ? (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (word.length - term.length)) : 0;
      score += weight * this.bm25(word, tf, length);
    }
    return score;
  }

  /** BM25 of a speaker term in the speaker field (one term long), with its boost of 2. */
  private speakerScore(name: string): number {
    const n = this.passages.length;
    const df = this.passagesBy(name).length;
    this.attributed ??= this.passages.filter((p) => p.attribution).length;
    const average = this.attributed / Math.max(1, n);
    return 2 * bm25(inverseFrequency(n, df), 1, 1, average);
  }

  private idfOf(term: string): number {
    let idf = this.idf.get(term);
    if (idf === undefined) {
      idf = inverseFrequency(this.passages.length, Math.max(1, this.frequency(term)));
      if (this.idf.size > 100_000) this.idf.clear();
      this.idf.set(term, idf);
    }
    return idf;
  }

  private bm25(term: string, tf: number, length: number): number {
    return bm25(this.idfOf(term), tf, length, this.averageLength);
  }
}

/** Whether each group has an alternative all of whose terms occur in the text (as substrings). */
export function mayMatch(text: string, groups: string[][][]): boolean {
  for (const alternatives of groups) {
    let any = false;
    for (const all of alternatives) {
      let every = true;
      for (const term of all) {
        if (!text.includes(term)) {
          every = false;
          break;
        }
      }
      if (every) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** Occurrences of a term, overlapping ones too, as a tokenizer counts bigrams. */
function occurrences(text: string, term: string): number {
  let count = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) count++;
  return count;
}

/**
 * What a passage's place adds to its match score: its kind, whether the person the question
 * names said it, and whether its story's headline or its list's title matches the question.
 */
export class Ranking {
  /** For each passage, in corpus order: its story's and its list's number among the contexts (-1: none), and its kind's weight. */
  private readonly storyOf: Int32Array;
  private readonly listOf: Int32Array;
  private readonly weightOf: Float32Array;
  private readonly contextNumber = new Map<string, number>();

  constructor(passages: Passage[]) {
    this.storyOf = new Int32Array(passages.length);
    this.listOf = new Int32Array(passages.length);
    this.weightOf = new Float32Array(passages.length);
    const number = (id: string) => {
      let n = this.contextNumber.get(id);
      if (n === undefined) {
        n = this.contextNumber.size;
        this.contextNumber.set(id, n);
      }
      return n;
    };
    passages.forEach((p, i) => {
      this.storyOf[i] = number(p.storyId);
      this.listOf[i] = p.listId ? number(p.listId) : -1;
      this.weightOf[i] = KIND_WEIGHT[p.kind];
    });
  }

  /**
   * The final score of a candidate at position `i` in corpus order, from its match score.
   * `contexts` are the headlines and list titles matching some of the question's `terms`.
   */
  finisher(people: Set<string>, contexts: { id: unknown; queryTerms: string[] }[], terms: number): (passage: Passage, score: number, i: number) => number {
    // A headline or list title counts as a share of the question's terms it holds: up to a
    // fifth more for each. A factor, not an addition, so it cannot outweigh the passage itself.
    let context: Float32Array | null = null;
    if (contexts.length > 0) {
      context = new Float32Array(this.contextNumber.size);
      for (const r of contexts) {
        const n = this.contextNumber.get(r.id as string);
        if (n !== undefined) context[n] = r.queryTerms.length / terms;
      }
    }
    return (p, base, i) => {
      let score = base * this.weightOf[i]!;
      if (people.size > 0 && p.attribution && people.has(p.attribution.speaker)) score *= 3;
      if (context) {
        const list = this.listOf[i]!;
        score *= 1 + CONTEXT_WEIGHT * (context[this.storyOf[i]!]! + (list >= 0 ? context[list]! : 0));
      }
      return score;
    };
  }
}

/**
 * Words of the question standing together in the passage (數據跨境流動, "cross-border data
 * flows") say more than the same words scattered: a score raised by the longest run of highlights.
 */
export function withProximity(score: number, text: string, highlights: Span[]): number {
  return score * (1 + 0.08 * Math.min(longestRun(text, highlights), 12));
}

/** Length in characters of the longest run of highlights joined by at most one space or hyphen. */
function longestRun(text: string, spans: Span[]): number {
  let best = 0;
  let runStart = -1;
  let runEnd = -1;
  for (const [start, end] of spans) {
    if (runStart >= 0 && start - runEnd <= 1 && /^[\s-]?$/.test(text.slice(runEnd, start))) runEnd = end;
    else {
      runStart = start;
      runEnd = end;
    }
    best = Math.max(best, runEnd - runStart);
  }
  return best;
}

export interface Candidate {
  passage: Passage;
  score: number;
  /** Terms found in the passage, for highlighting; null when not known yet (found by a scan). */
  terms: string[] | null;
}

/**
 * The k best candidates by final score (`finish` turns a search score into it), kept in a
 * min-heap: a scan over many passages holds only k of them. Equal scores are ordered by passage
 * id, so every way of finding the same passages ranks them the same.
 */
export class Best {
  private readonly heap: Candidate[] = [];
  count = 0;

  constructor(
    private readonly k: number,
    private readonly finish: (passage: Passage, score: number, position: number) => number,
    private readonly positionOf: (passage: Passage) => number,
  ) {}

  /** A candidate; `position` (its place in corpus order) saves a lookup when the caller knows it. */
  add(passage: Passage, score: number, terms: string[] | null, position = this.positionOf(passage)): void {
    this.count++;
    const final = this.finish(passage, score, position);
    const heap = this.heap;
    // Most candidates of a scan do not make the k best: no allocation for them.
    if (heap.length >= this.k && (final < heap[0]!.score || (final === heap[0]!.score && passage.id > heap[0]!.passage.id))) return;
    const candidate = { passage, score: final, terms };
    if (heap.length < this.k) {
      heap.push(candidate);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    } else {
      heap[0] = candidate;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && better(heap[m]!, heap[l]!)) m = l;
        if (r < heap.length && better(heap[m]!, heap[r]!)) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
  }

  /** Best first. */
  sorted(): Candidate[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : 1));
  }
}

function better(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.passage.id < b.passage.id);
}
