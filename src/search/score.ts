/**
 * Scoring: how well a passage answers a question, and keeping the best.
 *
 * A passage's match score is MiniSearch's (match.ts computes it): the one BM25+ formula below
 * with MiniSearch's own parameters, a term's document frequency, a passage's length in distinct
 * terms. The final score then weighs the passage's kind, the named person's own words and a
 * matching headline or list title; the best candidates are reranked by how close their matched
 * words stand.
 */
import type { Passage } from '../model.ts';
import type { Span } from './quote.ts';

/** BM25+ parameters of every score, MiniSearch's included (they are its defaults). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
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

/**
 * What a passage's place adds to its match score: its kind, whether the person the question
 * names said it, and whether its story's headline or its list's title matches the question.
 */
export class Ranking {
  /** For each passage, in corpus order: its story's and its list's number among the contexts (-1: none), and its kind's weight. */
  private readonly storyOf: Int32Array;
  private readonly listOf: Int32Array;
  private readonly weightOf: Float32Array;

  /** `contexts`: the ids of the stories and lists, numbered as the headline index numbers them. */
  constructor(passages: Passage[], contexts: string[]) {
    const number = new Map(contexts.map((id, n) => [id, n]));
    this.storyOf = new Int32Array(passages.length);
    this.listOf = new Int32Array(passages.length);
    this.weightOf = new Float32Array(passages.length);
    passages.forEach((p, i) => {
      this.storyOf[i] = number.get(p.storyId) ?? -1;
      this.listOf[i] = p.listId ? (number.get(p.listId) ?? -1) : -1;
      this.weightOf[i] = KIND_WEIGHT[p.kind];
    });
  }

  /**
   * The final score of a candidate at position `i` in corpus order, from its match score.
   * `shares`: how much of the question each headline and list title holds (see SearchIndex).
   */
  finisher(people: Set<string>, shares: Float32Array | null): (passage: Passage, score: number, i: number) => number {
    return (p, base, i) => this.final(i, base, people.size > 0 && p.attribution !== null && people.has(p.attribution.speaker), shares);
  }

  /** The final score of the passage at place `i` from its match score; `named`: the question named its speaker. */
  final(i: number, base: number, named: boolean, context: Float32Array | null): number {
    let score = base * this.weightOf[i]!;
    if (named) score *= 3;
    // A headline or list title counts as a share of the question's terms it holds: up to a
    // fifth more for each. A factor, not an addition, so it cannot outweigh the passage itself.
    if (context) {
      const story = this.storyOf[i]!;
      const list = this.listOf[i]!;
      score *= 1 + CONTEXT_WEIGHT * ((story >= 0 ? context[story]! : 0) + (list >= 0 ? context[list]! : 0));
    }
    return score;
  }
}

/**
 * Words of the question standing together in the passage (數據跨境流動, "cross-border data
 * flows") say more than the same words scattered: a score raised by the longest run of highlights.
 */
export function withProximity(score: number, text: string, highlights: Span[]): number {
  return score * (1 + PROXIMITY_WEIGHT * Math.min(longestRun(text, highlights), LONGEST_RUN));
}

const PROXIMITY_WEIGHT = 0.08;
const LONGEST_RUN = 12;
/** The most withProximity multiplies a score by. */
export const MOST_PROXIMITY = 1 + PROXIMITY_WEIGHT * LONGEST_RUN;

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

  /** Whether a candidate of this final score (and passage id, which orders equal scores) would be kept now. */
  keeps(final: number, id: string): boolean {
    const heap = this.heap;
    return heap.length < this.k || final > heap[0]!.score || (final === heap[0]!.score && id < heap[0]!.passage.id);
  }

  /** The lowest final score kept now, once k are (-Infinity before): a lower one is not kept. */
  threshold = Number.NEGATIVE_INFINITY;

  /** A candidate; `position` (its place in corpus order) saves a lookup when the caller knows it. */
  add(passage: Passage, score: number, terms: string[] | null, position = this.positionOf(passage)): void {
    const final = this.finish(passage, score, position);
    // Most candidates of a common term do not make the k best: no allocation for them.
    if (this.keeps(final, passage.id)) this.keep(passage, final, terms);
    else this.count++;
  }

  /** A candidate whose final score is known and that keeps() said would be kept. */
  keep(passage: Passage, final: number, terms: string[] | null): void {
    this.count++;
    const heap = this.heap;
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
    if (heap.length >= this.k) this.threshold = heap[0]!.score;
  }

  /** Best first. */
  sorted(): Candidate[] {
    return [...this.heap].sort((a, b) => (better(a, b) ? -1 : 1));
  }
}

function better(a: Candidate, b: Candidate): boolean {
  return a.score > b.score || (a.score === b.score && a.passage.id < b.passage.id);
}
