/**
 * The searchable corpus: the term index over passages (terms.ts), the lookups every command
 * needs, and the search that follows a question's plan (plan.ts) to its best passages.
 *
 * Passages are found and scored by match.ts, as MiniSearch would score them; a question naming a
 * person matches that person's sentences, not every 英 on the page. Story headlines and list
 * titles are a second, small term index: a match there counts a little for each of their
 * passages. Both indexes are typed arrays, so the whole of it is saved and loaded as it is
 * (see data() and fromData(), and corpus/snapshot.ts).
 */
import { nextTurn, type Corpus } from '../corpus/load.ts';
import type { Article, ArticleMeta, Figure, Passage, Speaker, Story, TrendList } from '../model.ts';
import { fold } from '../text/fold.ts';
import { NameBook } from './names.ts';
import { buildLexicon, type Lexicon } from './lexicon.ts';
import { type CompiledQuery, Matcher, matchAll, matchAny } from './match.ts';
import { readQuestion, steps } from './plan.ts';
import { highlight, quotePassage, type QuotedPassage, type Span } from './quote.ts';
import { Best, bm25, inverseFrequency, MOST_PROXIMITY, RERANK, Ranking, withProximity } from './score.ts';
import { TermIndex, TermIndexBuilder, type TermIndexData } from './terms.ts';
import { documentTokens, isLatinWord } from './tokenize.ts';

export interface Hit {
  passage: Passage;
  score: number;
  /** Spans of the passage text that matched the query, for highlighting. */
  highlights: Span[];
  /**
   * Share of the question's groups the passage holds: 1 for every hit of an all-terms match;
   * less when only some of the question was found (mode `any`), which ranks by it first.
   */
  coverage: number;
}

export interface SearchOutcome {
  hits: Hit[];
  /** `all`: every term matched; `any`: only some; `none`: nothing did. */
  mode: 'all' | 'any' | 'none';
  /** People the question named. */
  people: Speaker[];
  /** True when the question held only question words (什麼, what …). */
  onlyStopWords: boolean;
  /** Words of the question (as typed) that no passage holds, in any language: said in the notice. */
  missing: string[];
}

export interface Tuning {
  /**
   * Read questions with the dictionary (lexicon.ts) besides the summit glossary (default true;
   * false measures what the glossary alone finds).
   */
  dictionary?: boolean;
}

export interface SearchOptions {
  /** Only this speaker's passages. */
  speaker?: string;
  /** Only passages passing this test. */
  filter?: (passage: Passage) => boolean;
  /** Only these passages (list items, passages with figures): they are then the only candidates. */
  among?: Passage[];
  /** Only the passages of these articles (by id). */
  articles?: string[];
  limit?: number;
}

/** What the index of a corpus is, beside the corpus itself: what a snapshot saves. */
export interface SearchIndexData {
  passages: TermIndexData;
  contexts: TermIndexData;
}

/** Passages a search is confined to: their places, sorted, and a test of a place. */
interface Domain {
  positions: Uint32Array;
  holds: (doc: number) => boolean;
}

/** Whether a passage (at its place in corpus order) may be an answer. */
type Accept = (passage: Passage, doc: number) => boolean;

/** What the second index holds, in its order: each article's stories, then its lists. */
function contextsOf(corpus: Corpus): (Story | TrendList)[] {
  return corpus.articles.flatMap((a) => [...a.stories, ...a.lists]);
}

/** A story's headlines or a list's title, as the second index reads it. */
const contextText = (context: Story | TrendList): string => ('headlines' in context ? context.headlines.join(' ') : (context.title ?? ''));

export class SearchIndex {
  /** The speakers by every form of their names, built at the first question (it is not the index). */
  private nameBook: NameBook | null = null;
  private readonly stories = new Map<string, Story>();
  private readonly articles = new Map<string, Article>();
  /** Passages in corpus order: a passage's number in the term index is its place here. */
  private readonly list: Passage[] = [];
  private readonly matcher: Matcher;
  private bySpeaker: Map<string, Passage[]> | null = null;
  private readonly domains = new WeakMap<Passage[], Domain>();
  private cached: {
    lists: TrendList[];
    figures: Figure[];
    byPassage: Map<string, Figure[]>;
    figureOrder: Map<Figure, number>;
    withFigures: Passage[];
    listItems: Passage[];
    itemOrder: Map<string, number>;
    figureTexts: string;
  } | null = null;
  /** Each article's passages: a range of places in corpus order. */
  private readonly articleRange = new Map<string, [number, number]>();
  private positionOf: Map<string, number> | null = null;
  private readonly ranking: Ranking;
  private speakerByName: Map<string, Speaker> | null = null;
  /** MiniSearch's running average length of the speaker field (1 for a passage with a speaker, else 0). */
  private readonly speakerAverage: number;
  /** The dictionary cut to this corpus, built at the first question that needs it. */
  private lexicon: Lexicon | null | undefined;
  private readonly useDictionary: boolean;

  private constructor(
    readonly corpus: Corpus,
    private readonly terms: TermIndex,
    private readonly contexts: TermIndex,
    tuning: Tuning,
  ) {
    let average = 0;
    for (const article of corpus.articles) {
      this.articles.set(article.meta.id, article);
      for (const story of article.stories) this.stories.set(story.id, story);
      this.articleRange.set(article.meta.id, [this.list.length, this.list.length + article.passages.length]);
      for (const passage of article.passages) {
        average = (average * this.list.length + (passage.attribution ? 1 : 0)) / (this.list.length + 1);
        this.list.push(passage);
      }
    }
    this.speakerAverage = average;
    // One row per passage, in order, or a match would name the wrong passage.
    if (terms.documents !== this.list.length) throw new Error(`the term index holds ${terms.documents} of ${this.list.length} passages`);
    const contextIds = contextsOf(corpus).map((c) => c.id);
    if (contexts.documents !== contextIds.length) throw new Error(`the headline index holds ${contexts.documents} of ${contextIds.length} headlines and titles`);
    this.ranking = new Ranking(this.list, contextIds);
    this.matcher = new Matcher(terms);
    this.useDictionary = tuning.dictionary ?? true;
  }

  get names(): NameBook {
    this.nameBook ??= new NameBook(this.corpus.speakers);
    return this.nameBook;
  }

  static build(corpus: Corpus, tuning: Tuning = {}): SearchIndex {
    const passages = TermIndex.build(corpus.articles.flatMap((a) => a.passages.map((p) => documentTokens(p.text))));
    const contexts = TermIndex.build(contextsOf(corpus).map((c) => documentTokens(contextText(c))));
    return new SearchIndex(corpus, passages, contexts, tuning);
  }

  /**
   * The same index built in slices, yielding to the event loop between them, so a bot that
   * reloads a large corpus keeps answering meanwhile.
   */
  static async buildAsync(corpus: Corpus, chunkSize = 500): Promise<SearchIndex> {
    const build = async (texts: string[]) => {
      const builder = new TermIndexBuilder();
      for (let i = 0; i < texts.length; i++) {
        builder.add(documentTokens(texts[i]!));
        if ((i + 1) % chunkSize === 0) await nextTurn();
      }
      await nextTurn();
      return builder.finish();
    };
    const passages = await build(corpus.articles.flatMap((a) => a.passages.map((p) => p.text)));
    const contexts = await build(contextsOf(corpus).map(contextText));
    await nextTurn();
    return new SearchIndex(corpus, passages, contexts, {});
  }

  /** The index of a corpus from what data() gave for the same corpus (a snapshot). */
  static fromData(corpus: Corpus, data: SearchIndexData): SearchIndex {
    return new SearchIndex(corpus, new TermIndex(data.passages), new TermIndex(data.contexts), {});
  }

  data(): SearchIndexData {
    return { passages: this.terms.data(), contexts: this.contexts.data() };
  }

  passage(id: string): Passage | undefined {
    const position = this.positions().get(id);
    return position === undefined ? undefined : this.list[position];
  }
  story(id: string): Story | undefined {
    return this.stories.get(id);
  }
  article(id: string): ArticleMeta | undefined {
    return this.articles.get(id)?.meta;
  }
  speaker(name: string): Speaker | undefined {
    this.speakerByName ??= new Map(this.corpus.speakers.map((s) => [s.name, s]));
    return this.speakerByName.get(name);
  }
  allPassages(): Passage[] {
    return this.list;
  }
  /** A speaker's passages in corpus order. */
  passagesBy(name: string): Passage[] {
    if (!this.bySpeaker) {
      this.bySpeaker = new Map();
      for (const p of this.list) {
        if (!p.attribution) continue;
        const list = this.bySpeaker.get(p.attribution.speaker) ?? [];
        list.push(p);
        this.bySpeaker.set(p.attribution.speaker, list);
      }
    }
    return this.bySpeaker.get(name) ?? [];
  }
  /** Every list, in corpus order (the same array every time). */
  lists(): TrendList[] {
    return this.derived().lists;
  }
  /** Every figure, in corpus order (the same array every time). */
  figures(): Figure[] {
    return this.derived().figures;
  }
  /** A passage's figures, in its order. */
  figuresOf(passageId: string): Figure[] {
    return this.derived().byPassage.get(passageId) ?? [];
  }
  /** A figure's place among all figures, in corpus order. */
  figureOrder(figure: Figure): number {
    return this.derived().figureOrder.get(figure) ?? Number.MAX_SAFE_INTEGER;
  }
  /** The passages citing a figure, in corpus order (the same array every time). */
  passagesWithFigures(): Passage[] {
    return this.derived().withFigures;
  }
  /** The items of every list, in corpus order (the same array every time). */
  listItems(): Passage[] {
    return this.derived().listItems;
  }
  /** Each list item's place among all lists' items, lists in corpus order and items in their list's. */
  listItemOrder(): Map<string, number> {
    return this.derived().itemOrder;
  }

  /**
   * The figures whose text, folded and without thousands separators, holds `key` (億 finds
   * 逾350億, 350 finds 3,500): one search of all of them joined, not a test of each.
   */
  figuresWithText(key: string): Figure[] {
    const { figures, figureTexts } = this.derived();
    if (!key || key.includes('\n')) return [];
    const found: Figure[] = [];
    // Each figure's text is followed by a newline; its number is the count of newlines before it.
    let line = 0;
    let lineStart = 0;
    for (let at = figureTexts.indexOf(key); at >= 0; at = figureTexts.indexOf(key, at + 1)) {
      while (true) {
        const end = figureTexts.indexOf('\n', lineStart);
        if (end >= at) break;
        line++;
        lineStart = end + 1;
      }
      if (found[found.length - 1] !== figures[line]) found.push(figures[line]!);
    }
    return found;
  }

  private derived() {
    if (!this.cached) {
      const lists = this.corpus.articles.flatMap((a) => a.lists);
      const figures = this.corpus.articles.flatMap((a) => a.figures);
      const cited = new Set(figures.map((f) => f.passageId));
      const byPassage = new Map<string, Figure[]>();
      for (const f of figures) {
        const theirs = byPassage.get(f.passageId);
        if (theirs) theirs.push(f);
        else byPassage.set(f.passageId, [f]);
      }
      const itemOrder = new Map(lists.flatMap((l) => l.items).map((id, i) => [id, i]));
      this.cached = {
        lists,
        figures,
        byPassage,
        figureOrder: new Map(figures.map((f, i) => [f, i])),
        withFigures: this.list.filter((p) => cited.has(p.id)),
        listItems: this.list.filter((p) => itemOrder.has(p.id)),
        itemOrder,
        figureTexts: figures.map((f) => `${fold(f.text).replace(/,/g, '')}\n`).join(''),
      };
    }
    return this.cached;
  }

  /** A passage with everything needed to quote it: source, story, speaker and role. */
  quote(passage: Passage, highlights: Span[] = [], figures?: Figure[]): QuotedPassage {
    return quotePassage(this, passage, highlights, figures);
  }

  /** The corpus's own cut of the dictionary: the words its passages hold. */
  private words(): Lexicon | undefined {
    if (!this.useDictionary) return undefined;
    const holds = (term: string) => this.terms.id(term) >= 0;
    this.lexicon ??= buildLexicon(holds, holds);
    return this.lexicon ?? undefined;
  }

  /** The best passages for a free question. */
  find(query: string, options: SearchOptions = {}): SearchOutcome {
    const question = readQuestion(query, this.names, this.words());
    const { people: named, groups, terms, labels } = question;
    const limit = options.limit ?? 10;
    const domain = options.among ? this.domainOf(options.among) : options.articles ? this.articlesDomain(options.articles) : options.speaker ? this.domainOf(this.passagesBy(options.speaker)) : null;
    const accept: Accept | null =
      options.speaker || options.filter || domain
        ? (p, doc) => (!domain || domain.holds(doc)) && (!options.speaker || p.attribution?.speaker === options.speaker) && (!options.filter || options.filter(p))
        : null;

    const shares = this.contextShares(terms);
    const finish = this.ranking.finisher(new Set(named.map((s) => s.name)), shares);
    const best = new Best(Math.max(limit, RERANK), finish, (p) => this.positions().get(p.id)!);
    // For the hot loop: the same final score, from arrays, for a question naming nobody.
    const final = named.length > 0 ? null : (doc: number, base: number) => this.ranking.final(doc, base, false, shares);
    let mode: SearchOutcome['mode'] = 'none';
    let found: { query: CompiledQuery; all: boolean } | null = null;
    for (const step of steps(question, (t) => this.occurs(t))) {
      let compiled: CompiledQuery | null = null;
      if (step.match === 'all') compiled = this.matchAllTerms(step.groups, accept, domain?.positions ?? null, step.people, best, step.fuzzy, final);
      else if (step.match === 'any' && step.people.length > 0) {
        // Only their passages are candidates.
        const names = new Set(step.people.map((s) => s.name));
        const theirs = this.positionsOf(step.people.flatMap((s) => this.passagesBy(s.name)));
        compiled = this.matchAnyTerm(step.terms, (p, doc) => names.has(p.attribution?.speaker ?? '') && (!accept || accept(p, doc)), theirs, best, final);
      } else if (step.match === 'any') compiled = this.matchAnyTerm(step.terms, accept, domain?.positions ?? null, best, final);
      else {
        const position = this.positions();
        for (const s of step.people) for (const p of this.passagesBy(s.name)) if (!accept || accept(p, position.get(p.id)!)) best.add(p, 1, []);
      }
      if (best.count > 0) {
        mode = step.mode;
        found = compiled && { query: compiled, all: step.match === 'all' };
        break;
      }
    }

    // A group no passage holds weighs nothing: it lowers every passage alike, so it is left out
    // of the share and named in the notice instead. An all-terms match held every group.
    const known = mode !== 'all' ? groups.map((alternatives) => alternatives.some((all) => all.every((t) => this.occurs(t)))) : groups.map(() => true);
    const weights = mode === 'any' ? groups.map((alternatives, g) => (known[g] ? this.weight(alternatives) : 0)) : [];
    const candidates = best.sorted();
    // Proximity raises a score by at most MOST_PROXIMITY: in an all-terms match, where nothing
    // else reorders them, a candidate that could not overtake the limit-th even so is not read.
    const floor = mode !== 'any' && candidates.length > limit ? candidates[limit - 1]!.score / MOST_PROXIMITY : 0;
    const hits = candidates
      .filter((c) => c.score >= floor)
      .map((c) => {
        const position = this.positions().get(c.passage.id)!;
        const matched = c.terms ?? (found ? this.wordsFound(position, found.query, found.all) : []);
        const highlights = highlight(c.passage.text, matched);
        const coverage = mode === 'any' ? this.coverage(position, groups, weights) : 1;
        return { passage: c.passage, score: withProximity(c.score, c.passage.text, highlights), highlights, coverage };
      })
      // Holding more of the question ranks first; a word with no counterpart lowers the rank of
      // every passage alike instead of emptying the answer.
      .sort((a, b) => b.coverage - a.coverage || b.score - a.score || (a.passage.id < b.passage.id ? -1 : 1))
      .slice(0, limit);
    const missing = labels.filter((_, g) => !known[g]);
    return { hits, mode, people: named, onlyStopWords: question.onlyStopWords && named.length === 0, missing };
  }

  /**
   * How much of the question each headline and list title holds: the share of its terms, by
   * their number in the headline index; null when none holds any.
   */
  private contextShares(terms: string[]): Float32Array | null {
    let shares: Float32Array | null = null;
    const distinct = new Set(terms);
    for (const term of distinct) {
      const t = this.contexts.id(term);
      if (t < 0) continue;
      shares ??= new Float32Array(this.contexts.documents);
      for (let i = this.contexts.termStart[t]!; i < this.contexts.termStart[t + 1]!; i++) shares[this.contexts.postingDocs[i]!]!++;
    }
    if (shares) for (let c = 0; c < shares.length; c++) if (shares[c]! > 0) shares[c] = shares[c]! / terms.length;
    return shares;
  }

  /**
   * What a group of the question weighs in a partial match: its rarest alternative's mean idf, so
   * a passage holding 貸款 and 申請 outranks one holding only 數據, which every passage holds.
   */
  private weight(alternatives: string[][]): number {
    const n = this.list.length;
    let best = 0;
    for (const all of alternatives) {
      if (all.length === 0) continue;
      let sum = 0;
      for (const term of all) {
        sum += inverseFrequency(n, this.terms.frequencyOf(term) || (this.occurs(term) ? 1 : 0));
      }
      best = Math.max(best, sum / all.length);
    }
    return best;
  }

  /** Weighted share of the question the passage holds (a Latin word as the start of a word). */
  private coverage(position: number, groups: string[][][], weights: number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    if (total === 0) return 1;
    const holds = (term: string) => this.holds(position, term);
    // A group counts by its best alternative's share of terms: 開放數據 is two thirds held by
    // 數據平台已開放 (開放, 數據, not 放數).
    let sum = 0;
    for (let g = 0; g < groups.length; g++) {
      if (weights[g] === 0) continue;
      sum += weights[g]! * Math.max(...groups[g]!.map((terms) => (terms.length ? terms.filter(holds).length / terms.length : 0)));
    }
    return sum / total;
  }

  /** Whether the passage holds the term; a Latin word as the start of one of its words. */
  private holds(position: number, term: string): boolean {
    if (!isLatinWord(term)) {
      const t = this.terms.id(term);
      return t >= 0 && this.terms.count(position, t) > 0;
    }
    return this.terms.withPrefix(term).some((t) => this.terms.count(position, t) > 0);
  }

  /** Words of the reports close to the question's Latin words, for "did you mean". */
  closeWords(query: string): string[] {
    const words = (fold(query).match(/[a-z][a-z0-9]{3,}/g) ?? []).slice(0, 5);
    const close = new Set<string>();
    for (const word of words) {
      const found = new Map<number, number>();
      for (const t of this.terms.withPrefix(word)) found.set(t, 0.375);
      for (const [t, distance] of this.terms.withinDistance(word, Math.round(word.length * 0.34))) {
        if (!found.has(t)) found.set(t, (0.45 * word.length) / (word.length + distance));
      }
      const vocabulary = this.terms.vocabulary;
      const ranked = [...found]
        .filter(([t]) => vocabulary[t] !== word)
        .sort((a, b) => b[1] - a[1] || this.terms.frequency(b[0]) - this.terms.frequency(a[0]) || (vocabulary[a[0]]! < vocabulary[b[0]]! ? -1 : 1));
      for (const [t] of ranked.slice(0, 3)) close.add(vocabulary[t]!);
    }
    return [...close].slice(0, 5);
  }

  /**
   * The words of the reports a passage matched, for highlighting: of every term (an any-term
   * match) or of the alternatives it matched whole (an all-terms match), each longer or close
   * word it holds as well as the term itself.
   */
  private wordsFound(position: number, query: CompiledQuery, all: boolean): string[] {
    const holds = (t: number) => this.terms.count(position, t) > 0;
    const out = new Set<string>();
    const add = (term: CompiledQuery['terms'][number]) => {
      for (const t of term.list?.words ?? []) if (holds(t)) out.add(this.terms.vocabulary[t]!);
    };
    if (!all) {
      for (const term of query.terms) add(term);
      return [...out];
    }
    for (const alternatives of query.groups) {
      for (const terms of alternatives) {
        if (terms.every((term) => term.list?.words.some(holds))) for (const term of terms) add(term);
      }
    }
    return [...out];
  }

  /** Whether any passage has the term (a Latin word: as a word or the start of one). */
  private occurs(term: string): boolean {
    if (!isLatinWord(term)) return this.terms.frequencyOf(term) > 0;
    return this.terms.withPrefix(term).length > 0;
  }

  /** MiniSearch's score of a speaker's name in the speaker field (one term long, boosted twice). */
  private speakerScore(name: string): number {
    const n = this.list.length;
    return 2 * bm25(inverseFrequency(n, this.passagesBy(name).length), 1, 1, this.speakerAverage);
  }

  /** Passages matching every group (and spoken by one of `people`, if any), into `best`. */
  private matchAllTerms(
    groups: string[][][],
    accept: Accept | null,
    domain: Uint32Array | null,
    people: Speaker[],
    best: Best,
    fuzzy: boolean,
    final: ((doc: number, base: number) => number) | null,
  ): CompiledQuery {
    const query = this.matcher.compile(groups, { prefix: true, fuzzy });
    const theirs = new Set(people.map((s) => s.name));
    const within = people.length === 1 ? this.domainOf(this.passagesBy(people[0]!.name)).positions : people.length > 1 ? this.positionsOf(people.flatMap((s) => this.passagesBy(s.name))) : domain;
    const list = this.list;
    if (theirs.size === 0) {
      matchAll(query, within, this.keeper(accept, best, final));
      return query;
    }
    matchAll(query, within, (doc, score, quality) => {
      const p = list[doc]!;
      if (accept && !accept(p, doc)) return;
      const name = p.attribution?.speaker;
      if (!name || !theirs.has(name)) return;
      // The person's name is one more term of the question, in the speaker field.
      best.add(p, (score + this.speakerScore(name)) * (quality + 1), null, doc);
    });
    return query;
  }

  /** Passages matching any term, into `best`. */
  private matchAnyTerm(terms: string[], accept: Accept | null, within: Uint32Array | null, best: Best, final: ((doc: number, base: number) => number) | null): CompiledQuery {
    const query = this.matcher.compile(
      terms.map((t) => [[t]]),
      { prefix: true, fuzzy: false },
    );
    matchAny(query, within, this.keeper(accept, best, final));
    return query;
  }

  /**
   * What a match does with each passage it finds: the accepted ones into `best`, scored by
   * MiniSearch's score times the terms matched. `final`, for a question naming nobody, gives the
   * final score from arrays, so most candidates of a common term, which cannot make the best,
   * are dropped before their passage is looked at; else `best` finishes the score.
   */
  private keeper(accept: Accept | null, best: Best, final: ((doc: number, base: number) => number) | null): (doc: number, score: number, quality: number) => void {
    const list = this.list;
    if (!final) {
      return (doc, score, quality) => {
        const p = list[doc]!;
        if (!accept || accept(p, doc)) best.add(p, score * quality, null, doc);
      };
    }
    return (doc, score, quality) => {
      const f = final(doc, score * quality);
      if (f < best.threshold) return;
      const p = list[doc]!;
      if (best.keeps(f, p.id) && (!accept || accept(p, doc))) best.keep(p, f, null);
    };
  }

  /**
   * The places of some passages, sorted, and a test of a place: commands ask again and again
   * among the same passages (list items, passages with figures), so both are kept for as
   * long as the array asked with is.
   */
  private domainOf(among: Passage[]): Domain {
    let domain = this.domains.get(among);
    if (!domain) {
      const positions = this.positionsOf(among);
      const mask = new Uint8Array(this.list.length);
      for (const doc of positions) mask[doc] = 1;
      domain = { positions, holds: (doc) => mask[doc] === 1 };
      this.domains.set(among, domain);
    }
    return domain;
  }

  /** The passages of some articles, as a domain: their ranges of places. */
  private articlesDomain(ids: string[]): Domain {
    const ranges = [...new Set(ids)].map((id) => this.articleRange.get(id)).filter((r): r is [number, number] => r !== undefined);
    ranges.sort((a, b) => a[0] - b[0]);
    const positions = new Uint32Array(ranges.reduce((n, [start, end]) => n + end - start, 0));
    let at = 0;
    for (const [start, end] of ranges) for (let doc = start; doc < end; doc++) positions[at++] = doc;
    // A passage is theirs when its place is in one of their ranges (sorted: a binary search).
    return {
      positions,
      holds: (doc) => {
        let lo = 0;
        let hi = ranges.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ranges[mid]![1] <= doc) lo = mid + 1;
          else hi = mid;
        }
        return lo < ranges.length && ranges[lo]![0] <= doc;
      },
    };
  }

  /** Passages' places in corpus order, sorted. */
  private positionsOf(passages: Passage[]): Uint32Array {
    const position = this.positions();
    const out = new Uint32Array(passages.length);
    for (let i = 0; i < passages.length; i++) out[i] = position.get(passages[i]!.id)!;
    out.sort();
    // Each once: a candidate met twice would be counted twice.
    let n = 0;
    for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
    return out.subarray(0, n);
  }

  /** Where each passage stands in corpus order, built on first need. */
  private positions(): Map<string, number> {
    this.positionOf ??= new Map(this.list.map((p, i) => [p.id, i]));
    return this.positionOf;
  }
}
