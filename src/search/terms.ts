/**
 * The term index: which passages hold each term, and how often, in typed arrays.
 *
 * A term is what tokenize.ts makes of the text: a Han bigram, a Latin word, a number with its
 * magnitude and unit. For each term, its postings: the passages holding it in corpus order, with
 * how often. For each passage, its length. Flat arrays with offsets, not a Map or an object per
 * term or passage: 100,000 passages index in a couple of seconds, take 6 bytes a distinct term
 * of a passage, and are saved and loaded as they are (see corpus/snapshot.ts), which a tree of
 * Maps cannot be. Whether a passage holds a term is a binary search of the term's postings, so
 * there is no second copy by passage. Scores are MiniSearch's (score.ts), so a passage's length
 * is its number of distinct terms and the average is MiniSearch's running average.
 */
import { isLatinWord } from './tokenize.ts';

/** A term's occurrences in one passage are counted up to this (the arrays hold 16 bits). */
const MAX_FREQUENCY = 0xffff;

/** A Uint32Array that grows as values are pushed. */
class Growing {
  array: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.array = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = new Uint32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  /** The values pushed, in an array of their own size. */
  done(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}

/** Collects passages' tokens, in corpus order, into a TermIndex. */
export class TermIndexBuilder {
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  /** Per term: the last passage it was seen in, and where in that passage's row. */
  private lastSeen = new Int32Array(1024).fill(-1);
  private slot = new Uint32Array(1024);
  private readonly frequency = new Growing();
  /** Each passage's number of distinct terms; its row (terms and counts) follows the previous one's. */
  private readonly lengths = new Growing();
  private readonly rowTerms = new Growing(1 << 16);
  private readonly rowFreqs = new Growing(1 << 16);
  private documents = 0;
  private averageLength = 0;

  /** The next passage's tokens (as tokenize.ts gives them). */
  add(tokens: readonly string[]): void {
    const doc = this.documents++;
    const start = this.rowTerms.length;
    for (const token of tokens) {
      let id = this.ids.get(token);
      if (id === undefined) {
        id = this.vocabulary.length;
        this.ids.set(token, id);
        this.vocabulary.push(token);
        this.frequency.push(0);
        if (id === this.lastSeen.length) this.growTermTables();
      }
      if (this.lastSeen[id] !== doc) {
        this.lastSeen[id] = doc;
        this.slot[id] = this.rowTerms.length;
        this.rowTerms.push(id);
        this.rowFreqs.push(1);
        this.frequency.array[id]!++;
      } else {
        const at = this.slot[id]!;
        if (this.rowFreqs.array[at]! < MAX_FREQUENCY) this.rowFreqs.array[at]!++;
      }
    }
    const length = this.rowTerms.length - start;
    this.lengths.push(length);
    // MiniSearch's running average of field lengths, to the last bit.
    this.averageLength = (this.averageLength * doc + length) / (doc + 1);
  }

  private growTermTables(): void {
    const lastSeen = new Int32Array(this.lastSeen.length * 2).fill(-1);
    lastSeen.set(this.lastSeen);
    this.lastSeen = lastSeen;
    const slot = new Uint32Array(this.slot.length * 2);
    slot.set(this.slot);
    this.slot = slot;
  }

  finish(): TermIndex {
    const terms = this.vocabulary.length;
    const lengths = this.lengths.done();
    const rowTerms = this.rowTerms.array;
    const rowFreqs = this.rowFreqs.array;
    // Postings from the rows: a counting sort by term, which keeps each term's passages in corpus order.
    const termStart = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) termStart[t + 1] = termStart[t]! + this.frequency.array[t]!;
    const fill = termStart.slice(0, terms);
    const postingDocs = new Uint32Array(this.rowTerms.length);
    const postingFreqs = new Uint16Array(this.rowTerms.length);
    for (let doc = 0, i = 0; doc < this.documents; doc++) {
      for (const end = i + lengths[doc]!; i < end; i++) {
        const at = fill[rowTerms[i]!]!++;
        postingDocs[at] = doc;
        postingFreqs[at] = rowFreqs[i]!;
      }
    }
    return new TermIndex({ vocabulary: this.vocabulary, termStart, postingDocs, postingFreqs, lengths, averageLength: this.averageLength }, this.ids);
  }
}

/** Everything a TermIndex is, as plain arrays: what a snapshot writes and reads back (corpus/snapshot.ts). */
export interface TermIndexData {
  vocabulary: string[];
  /** Term t's postings are at [termStart[t], termStart[t + 1]). */
  termStart: Uint32Array;
  postingDocs: Uint32Array;
  postingFreqs: Uint16Array;
  /** Each passage's number of distinct terms. */
  lengths: Uint32Array;
  averageLength: number;
}

export class TermIndex {
  readonly vocabulary: string[];
  readonly termStart: Uint32Array;
  readonly postingDocs: Uint32Array;
  readonly postingFreqs: Uint16Array;
  readonly lengths: Uint32Array;
  /** MiniSearch's average field length: the mean number of distinct terms a passage holds. */
  readonly averageLength: number;
  private ids: Map<string, number> | null;
  /** Term numbers of the Latin words, sorted by word: a prefix is a range of it. */
  private latin: Uint32Array | null = null;

  constructor(data: TermIndexData, ids: Map<string, number> | null = null) {
    this.vocabulary = data.vocabulary;
    this.termStart = data.termStart;
    this.postingDocs = data.postingDocs;
    this.postingFreqs = data.postingFreqs;
    this.lengths = data.lengths;
    this.averageLength = data.averageLength;
    this.ids = ids;
  }

  static build(texts: Iterable<readonly string[]>): TermIndex {
    const builder = new TermIndexBuilder();
    for (const tokens of texts) builder.add(tokens);
    return builder.finish();
  }

  get documents(): number {
    return this.lengths.length;
  }

  /** The term's number, or -1 when no passage holds it. */
  id(term: string): number {
    if (!this.ids) {
      this.ids = new Map();
      for (let t = 0; t < this.vocabulary.length; t++) this.ids.set(this.vocabulary[t]!, t);
    }
    return this.ids.get(term) ?? -1;
  }

  /** Passages holding term number `t`. */
  frequency(t: number): number {
    return this.termStart[t + 1]! - this.termStart[t]!;
  }

  /** Passages holding the term (0 when none does). */
  frequencyOf(term: string): number {
    const t = this.id(term);
    return t < 0 ? 0 : this.frequency(t);
  }

  /** A passage's length: its number of distinct terms. */
  length(doc: number): number {
    return this.lengths[doc]!;
  }

  /** How often passage `doc` holds term number `t` (0: not at all). A binary search of the term's postings. */
  count(doc: number, t: number): number {
    const docs = this.postingDocs;
    let lo = this.termStart[t]!;
    let hi = this.termStart[t + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = docs[mid]!;
      if (at === doc) return this.postingFreqs[mid]!;
      if (at < doc) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }

  /** The Latin words of the passages starting with `prefix` (the prefix itself included), as term numbers. */
  withPrefix(prefix: string): number[] {
    const latin = this.latinWords();
    const words = this.vocabulary;
    let lo = 0;
    let hi = latin.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[latin[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < latin.length && words[latin[i]!]!.startsWith(prefix); i++) out.push(latin[i]!);
    return out;
  }

  /**
   * The Latin words within `maxDistance` edits (Levenshtein: insert, delete, replace a letter) of
   * `word`, with their distance, as MiniSearch's fuzzy search finds them.
   */
  withinDistance(word: string, maxDistance: number): [number, number][] {
    const out: [number, number][] = [];
    const row = new Int32Array(word.length + 1);
    for (const t of this.latinWords()) {
      const candidate = this.vocabulary[t]!;
      if (Math.abs(candidate.length - word.length) > maxDistance) continue;
      const distance = levenshtein(word, candidate, maxDistance, row);
      if (distance <= maxDistance) out.push([t, distance]);
    }
    return out;
  }

  private latinWords(): Uint32Array {
    if (!this.latin) {
      const ids: number[] = [];
      for (let t = 0; t < this.vocabulary.length; t++) if (isLatinWord(this.vocabulary[t]!)) ids.push(t);
      ids.sort((a, b) => (this.vocabulary[a]! < this.vocabulary[b]! ? -1 : 1));
      this.latin = Uint32Array.from(ids);
    }
    return this.latin;
  }

  data(): TermIndexData {
    const { vocabulary, termStart, postingDocs, postingFreqs, lengths, averageLength } = this;
    return { vocabulary, termStart, postingDocs, postingFreqs, lengths, averageLength };
  }
}

/** Edit distance of a and b, or more than `max` as soon as it must be (rows of one vector, reused). */
function levenshtein(a: string, b: string, max: number, row: Int32Array): number {
  for (let i = 0; i <= a.length; i++) row[i] = i;
  for (let j = 1; j <= b.length; j++) {
    let diagonal = row[0]!;
    row[0] = j;
    let best = row[0]!;
    const cb = b.charCodeAt(j - 1);
    for (let i = 1; i <= a.length; i++) {
      const above = row[i]!;
      const value = Math.min(above + 1, row[i - 1]! + 1, diagonal + (a.charCodeAt(i - 1) === cb ? 0 : 1));
      diagonal = above;
      row[i] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
  }
  return row[a.length]!;
}
