/**
 * Matching a question against the term index (terms.ts), scored exactly as MiniSearch scores the
 * same query over the same tokens: BM25+ per term, a Latin word also matching the longer words it
 * begins (weighted down by how much longer) and, on a second try, words a letter or two away; a
 * group of alternatives is an OR and adds every alternative that matches, the groups an AND; the
 * sum is multiplied by the number of distinct question terms matched. test/search-engine.test.ts
 * holds this against MiniSearch itself on random questions.
 *
 * How: each question term becomes a list of the passages holding it (its postings, or the union
 * of its longer and fuzzy words' postings). The candidates come from the most selective group;
 * each is then scored against the whole question by moving a cursor along every term's list.
 * Candidates rise in corpus order, so a cursor only moves forward, and a term in most passages
 * costs a step per candidate, not a look at every passage it is in.
 */
import { bm25, inverseFrequency } from './score.ts';
import type { TermIndex } from './terms.ts';
import { isLatinWord } from './tokenize.ts';

/** MiniSearch's default weights of a prefix and a fuzzy match. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** MiniSearch's maxFuzzy as the index gave it, and the share of a word's length that may differ. */
const MAX_FUZZY = 2;
const FUZZY_SHARE = 0.2;

export interface MatchOptions {
  /** Latin words of 3 letters or more also match longer words they begin (true in every search). */
  prefix: boolean;
  /** Latin words of 5 letters or more also match words within an edit or two. */
  fuzzy: boolean;
}

/**
 * The passages holding one question term, as a cursor: `seek(doc)` gives the term's score in
 * passage `doc` (0 when it does not hold it); successive calls must not go back.
 */
export class TermList {
  private at = 0;
  constructor(
    readonly docs: Uint32Array,
    /** For a single word: how often each passage holds it, scored on demand. */
    private readonly freqs: Uint16Array | null,
    /** For several words (a prefix, fuzzy matches): each passage's summed score. */
    private readonly scores: Float64Array | null,
    private readonly idf: number,
    private readonly weight: number,
    private readonly index: TermIndex,
    /** The words of the passages this term matched: for highlighting. */
    readonly words: number[],
  ) {}

  get size(): number {
    return this.docs.length;
  }

  reset(): void {
    this.at = 0;
  }

  /** Position of `doc` in the list, or -1; moves forward by galloping. */
  private find(doc: number): number {
    const docs = this.docs;
    let lo = this.at;
    if (lo >= docs.length) return -1;
    if (docs[lo]! >= doc) return docs[lo] === doc ? lo : -1;
    let step = 1;
    let hi = lo + 1;
    while (hi < docs.length && docs[hi]! < doc) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > docs.length) hi = docs.length;
    // docs[lo] < doc; the first position holding doc or more is in (lo, hi].
    lo++;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < doc) lo = mid + 1;
      else hi = mid;
    }
    this.at = lo;
    return lo < docs.length && docs[lo] === doc ? lo : -1;
  }

  seek(doc: number): number {
    const i = this.find(doc);
    if (i < 0) return 0;
    if (this.scores) return this.scores[i]!;
    return this.weight * bm25(this.idf, this.freqs![i]!, this.index.length(doc), this.index.averageLength);
  }
}

/** One question term and where it is in the question, for counting the distinct terms matched. */
export interface CompiledTerm {
  term: string;
  /** Number of the term among the question's distinct terms. */
  source: number;
  list: TermList | null;
}

/** A question's groups, alternatives and terms, each term with its list. */
export interface CompiledQuery {
  groups: CompiledTerm[][][];
  /** The question's distinct terms, each once, in order of `source`. */
  terms: CompiledTerm[];
}

/** The weight MiniSearch gives a longer word matched by a prefix. */
function prefixWeight(word: number, distance: number): number {
  return (PREFIX_WEIGHT * word) / (word + 0.3 * distance);
}

/** At most this many passages over all the merged lists kept for the next questions (12 bytes each). */
const KEPT_PASSAGES = 1 << 20;

export class Matcher {
  /**
   * Lists merged from several words (a Latin prefix, fuzzy matches), kept for the questions that
   * follow, the most recently used last: people ask about the same words again and again, and
   * "data" is the union of data, database, datasets … in every English report.
   */
  private readonly kept = new Map<string, TermList>();
  private keptPassages = 0;

  constructor(private readonly index: TermIndex) {}

  /** A term's list of passages, or null when no passage holds it (nor a longer or close word). */
  list(term: string, options: MatchOptions): TermList | null {
    const key = `${options.prefix ? 'p' : ''}${options.fuzzy ? 'f' : ''}\u0000${term}`;
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const list = this.makeList(term, options);
    if (list && list.words.length > 1) {
      this.kept.set(key, list);
      this.keptPassages += list.size;
      for (const [oldest, old] of this.kept) {
        if (this.keptPassages <= KEPT_PASSAGES) break;
        this.kept.delete(oldest);
        this.keptPassages -= old.size;
      }
    }
    return list;
  }

  private makeList(term: string, options: MatchOptions): TermList | null {
    const index = this.index;
    const n = index.documents;
    const latin = isLatinWord(term);
    // Each word the term matches, with its weight (1 for the term itself).
    const words: [number, number][] = [];
    const exact = index.id(term);
    if (exact >= 0) words.push([exact, 1]);
    const prefixed = new Set<number>();
    if (latin && options.prefix && term.length >= 3) {
      for (const t of index.withPrefix(term)) {
        if (t === exact) continue;
        prefixed.add(t);
        const word = index.vocabulary[t]!.length;
        words.push([t, prefixWeight(word, word - term.length)]);
      }
    }
    if (latin && options.fuzzy && term.length >= 5) {
      const maxDistance = Math.min(MAX_FUZZY, Math.round(term.length * FUZZY_SHARE));
      if (maxDistance > 0) {
        for (const [t, distance] of index.withinDistance(term, maxDistance)) {
          // A word matched both ways is scored as a prefix match, as MiniSearch does.
          if (distance === 0 || prefixed.has(t)) continue;
          const word = index.vocabulary[t]!.length;
          words.push([t, (FUZZY_WEIGHT * word) / (word + distance)]);
        }
      }
    }
    if (words.length === 0) return null;
    if (words.length === 1) {
      const [t, weight] = words[0]!;
      const start = index.termStart[t]!;
      const end = index.termStart[t + 1]!;
      return new TermList(index.postingDocs.subarray(start, end), index.postingFreqs.subarray(start, end), null, inverseFrequency(n, end - start), weight, index, [t]);
    }
    return this.union(words);
  }

  /** Several words' postings merged into one list of passages, each with its summed score. */
  private union(words: [number, number][]): TermList {
    const index = this.index;
    const n = index.documents;
    let total = 0;
    for (const [t] of words) total += index.frequency(t);
    const add = (each: (doc: number, score: number) => void) => {
      for (const [t, weight] of words) {
        const start = index.termStart[t]!;
        const end = index.termStart[t + 1]!;
        const idf = inverseFrequency(n, end - start);
        for (let i = start; i < end; i++) {
          const doc = index.postingDocs[i]!;
          each(doc, weight * bm25(idf, index.postingFreqs[i]!, index.length(doc), index.averageLength));
        }
      }
    };
    let docs: Uint32Array;
    let scores: Float64Array;
    if (total * 8 > n) {
      // Words in many passages: scores in an array over every passage, read back in order.
      const dense = new Float64Array(n);
      add((doc, score) => {
        dense[doc]! += score;
      });
      let count = 0;
      for (let d = 0; d < n; d++) if (dense[d]! > 0) count++;
      docs = new Uint32Array(count);
      scores = new Float64Array(count);
      for (let d = 0, i = 0; d < n; d++) {
        if (dense[d]! > 0) {
          docs[i] = d;
          scores[i++] = dense[d]!;
        }
      }
    } else {
      const sparse = new Map<number, number>();
      add((doc, score) => sparse.set(doc, (sparse.get(doc) ?? 0) + score));
      docs = Uint32Array.from(sparse.keys()).sort();
      scores = new Float64Array(docs.length);
      for (let i = 0; i < docs.length; i++) scores[i] = sparse.get(docs[i]!)!;
    }
    return new TermList(
      docs,
      null,
      scores,
      0,
      1,
      index,
      words.map(([t]) => t),
    );
  }

  /** Every term of the question with its list, once per distinct term. */
  compile(groups: string[][][], options: MatchOptions): CompiledQuery {
    const byTerm = new Map<string, CompiledTerm>();
    const terms: CompiledTerm[] = [];
    const compiled = groups.map((alternatives) =>
      alternatives.map((all) =>
        all.map((term) => {
          let c = byTerm.get(term);
          if (!c) {
            c = { term, source: terms.length, list: this.list(term, options) };
            byTerm.set(term, c);
            terms.push(c);
          }
          return c;
        }),
      ),
    );
    return { groups: compiled, terms };
  }
}

/**
 * Passages matching every group of a compiled question, in corpus order, each with MiniSearch's
 * score: `visit(doc, score, quality)` where the score is the matched terms' BM25 summed and
 * quality the number of distinct terms matched. `within`, when given, are the only passages
 * that may match (sorted, in corpus order).
 */
export function matchAll(query: CompiledQuery, within: Uint32Array | null, visit: (doc: number, score: number, quality: number) => void): void {
  const { groups, terms } = query;
  // An alternative with a term no passage holds never matches; a group with no alternative left never does.
  const live = groups.map((alternatives) => alternatives.filter((all) => all.every((t) => t.list !== null)));
  if (live.some((alternatives) => alternatives.length === 0)) return;
  for (const t of terms) t.list?.reset();

  const candidates = candidatesOf(live, within);
  const lists = terms.map((t) => t.list);
  if (live.every((alternatives) => alternatives.length === 1)) {
    // Every group one alternative (most questions): every term must be there, and the number of
    // distinct terms matched is all of them.
    const groupLists = live.map((alternatives) => alternatives[0]!.map((t) => t.list!));
    const quality = new Set(live.flatMap((alternatives) => alternatives[0]!.map((t) => t.source))).size;
    nextCandidate: for (let c = 0; c < candidates.length; c++) {
      const doc = candidates[c]!;
      let score = 0;
      // Summed group by group, as MiniSearch adds them, to the last bit.
      for (const group of groupLists) {
        let sum = 0;
        for (const list of group) {
          const s = list.seek(doc);
          if (s === 0) continue nextCandidate;
          sum += s;
        }
        score += sum;
      }
      visit(doc, score, quality);
    }
    return;
  }
  const scores = new Float64Array(terms.length);
  const seen = new Int32Array(terms.length).fill(-1);
  for (let c = 0; c < candidates.length; c++) {
    const doc = candidates[c]!;
    // Each distinct term's score in this passage, once.
    for (let s = 0; s < terms.length; s++) scores[s] = lists[s] ? lists[s]!.seek(doc) : 0;
    let score = 0;
    let quality = 0;
    let matched = true;
    for (const alternatives of live) {
      let group = false;
      for (const all of alternatives) {
        let sum = 0;
        let ok = true;
        for (const t of all) {
          const s = scores[t.source]!;
          if (s === 0) {
            ok = false;
            break;
          }
          sum += s;
        }
        if (!ok) continue;
        group = true;
        score += sum;
        for (const t of all) {
          if (seen[t.source] === c) continue;
          seen[t.source] = c;
          quality++;
        }
      }
      if (!group) {
        matched = false;
        break;
      }
    }
    if (matched) visit(doc, score, quality);
  }
}

/**
 * Passages holding any of the terms, in corpus order, with their summed score and the number of
 * terms they hold (MiniSearch's OR query).
 */
export function matchAny(query: CompiledQuery, within: Uint32Array | null, visit: (doc: number, score: number, quality: number) => void): void {
  const lists = query.terms.map((t) => t.list).filter((l): l is TermList => l !== null);
  if (lists.length === 0) return;
  for (const l of lists) l.reset();
  const candidates = within ?? unionOf(lists.map((l) => l.docs));
  for (let c = 0; c < candidates.length; c++) {
    const doc = candidates[c]!;
    let score = 0;
    let quality = 0;
    for (const l of lists) {
      const s = l.seek(doc);
      if (s === 0) continue;
      score += s;
      quality++;
    }
    if (quality > 0) visit(doc, score, quality);
  }
}

/**
 * The passages that may match every group: those of the most selective group (each of its
 * alternatives' rarest term, together), or `within` when it is smaller. The rest is settled by
 * scoring each candidate against the whole question.
 */
function candidatesOf(groups: CompiledTerm[][][], within: Uint32Array | null): Uint32Array {
  let best: Uint32Array[] | null = null;
  let bestSize = Number.POSITIVE_INFINITY;
  for (const alternatives of groups) {
    const lists = alternatives.map((all) => all.reduce((a, b) => (b.list!.size < a.list!.size ? b : a)).list!.docs);
    const size = lists.reduce((n, l) => n + l.length, 0);
    if (size < bestSize) {
      best = lists;
      bestSize = size;
    }
  }
  if (within && within.length <= bestSize) return within;
  return unionOf(best!);
}

/** The sorted union of sorted lists of passages, merged two at a time (each is in corpus order already). */
function unionOf(lists: Uint32Array[]): Uint32Array {
  let merged = [...new Set(lists)];
  while (merged.length > 1) {
    const next: Uint32Array[] = [];
    for (let i = 0; i < merged.length; i += 2) next.push(i + 1 < merged.length ? mergeTwo(merged[i]!, merged[i + 1]!) : merged[i]!);
    merged = next;
  }
  return merged[0] ?? new Uint32Array(0);
}

function mergeTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}
