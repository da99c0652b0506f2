/**
 * The searchable corpus: MiniSearch over passages, with the lookups every command needs.
 *
 * Fields: the passage text, and its speaker as one whole-name term (so a question naming a
 * person finds that person's sentences, not every 英 on the page). Story headlines and list
 * titles are a second, small index: a match there counts a little for each of their passages.
 * Queries are tokenized here, not by MiniSearch: all terms must match first (AND), and only when
 * nothing does, any term (OR). Prefix and fuzzy matching apply to Latin words only — on Chinese
 * bigrams they would match nonsense.
 *
 * Scale. MiniSearch scores and sorts every document a term occurs in, so a term found in most
 * passages (數據 in reports about a data summit) costs time in proportion to the corpus. Such
 * common terms are therefore not looked up: the rarer terms of the question find the candidates
 * in MiniSearch, and the common ones are checked in the candidates' folded text (exactly the
 * same condition, since every indexed term is a substring of it) and scored the same BM25 way.
 * A question made only of common terms scans the folded texts, which costs a few milliseconds
 * at 100,000 passages — less than any index lookup of a term that is everywhere.
 */
import MiniSearch, { type AsPlainObject, type Query } from 'minisearch';
import { nextTurn, type Corpus } from '../corpus/load.ts';
import type { Article, ArticleMeta, Figure, Passage, Speaker, Story, TrendList } from '../model.ts';
import { fold } from '../text/fold.ts';
import { NameBook } from './names.ts';
import { highlight, quotePassage, type QuotedPassage, type Span } from './quote.ts';
import { documentTokens, isLatinWord, normalizedText, normalizedTokens, topicQuery as parseTopic } from './tokenize.ts';

export interface Hit {
  passage: Passage;
  score: number;
  /** Spans of the passage text that matched the query, for highlighting. */
  highlights: Span[];
}

export interface SearchOutcome {
  hits: Hit[];
  /** `all`: every term matched; `any`: only some; `none`: nothing did. */
  mode: 'all' | 'any' | 'none';
  /** People the question named. */
  people: Speaker[];
  /** True when the question held only question words (什麼, what …). */
  onlyStopWords: boolean;
}

export interface Tuning {
  /**
   * Terms in more passages than this are checked in the candidates' text instead of looked up
   * (default: 2% of the passages, at least 1,000). 0 checks every term that way.
   */
  commonAbove?: number;
}

export interface SearchOptions {
  /** Only this speaker's passages. */
  speaker?: string;
  /** Only passages passing this test. */
  filter?: (passage: Passage) => boolean;
  /** Only these passages (list items, passages with figures): a scan then reads only them. */
  among?: Passage[];
  limit?: number;
}

interface IndexedPassage {
  id: string;
  text: string;
  speaker: string;
}

/** A story's headlines or a list's title: matched once, counted for each of its passages. */
interface IndexedContext {
  id: string;
  text: string;
}

const SPEAKER_MARK = '§';
/** BM25+ parameters, MiniSearch's defaults, for the terms scored outside it. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** MiniSearch's default weight of a prefix match. */
const PREFIX_WEIGHT = 0.375;
/** Latin words as the tokenizer finds them in folded text. */
const LATIN_IN_TEXT = /[a-z][a-z0-9]*/g;
/** How much a story headline or list title holding every term of the question adds. */
const CONTEXT_WEIGHT = 0.2;
/** How many of the best candidates are reranked by the proximity of their matched words. */
const RERANK = 50;
const speakerTerm = (name: string) => SPEAKER_MARK + fold(name);

const KIND_WEIGHT: Record<Passage['kind'], number> = {
  body: 1,
  'list-item': 1,
  headline: 0.9,
  subhead: 0.8,
  caption: 0.7,
  'table-title': 0.9,
};

/**
 * What BM25 and scans need beyond MiniSearch's public API, gathered while MiniSearch tokenizes
 * each passage (so a reload that indexes in slices gathers them in slices too): each text term's
 * document frequency, and for each passage, in order, its length in distinct terms (MiniSearch's
 * own field length) and its normalized text.
 */
interface Statistics {
  frequencies: Map<string, number>;
  lengths: number[];
  texts: string[];
}

const newStatistics = (): Statistics => ({ frequencies: new Map(), lengths: [], texts: [] });

export function miniSearchOptions(statistics?: Statistics) {
  return {
    fields: ['text', 'speaker'],
    idField: 'id',
    tokenize: (text: string, field?: string) => {
      if (field === 'speaker') return text ? [text] : [];
      if (!statistics || field !== 'text') return documentTokens(text);
      const normalized = normalizedText(text);
      const tokens = normalizedTokens(normalized);
      const unique = new Set(tokens);
      for (const t of unique) statistics.frequencies.set(t, (statistics.frequencies.get(t) ?? 0) + 1);
      statistics.lengths.push(unique.size);
      statistics.texts.push(normalized);
      return tokens;
    },
    processTerm: (term: string) => term,
    searchOptions: {
      tokenize: (text: string) => [text],
      processTerm: (term: string) => term,
    },
  };
}

export class SearchIndex {
  readonly names: NameBook;
  private readonly passages = new Map<string, Passage>();
  private readonly stories = new Map<string, Story>();
  private readonly articles = new Map<string, Article>();
  /** Passages in corpus order, with their folded texts at the same positions. */
  private readonly list: Passage[] = [];
  private readonly folded: string[];
  private readonly averageLength: number;
  private readonly frequencies: Map<string, number>;
  private readonly lengths: number[];
  /** A term in more passages than this is common: checked in text, not looked up. */
  private readonly commonAbove: number;
  private bySpeaker: Map<string, Passage[]> | null = null;
  private positionOf: Map<string, number> | null = null;
  /** For each passage, in corpus order: its story's and its list's number among the contexts (-1: none), and its kind's weight. */
  private readonly storyOf: Int32Array;
  private readonly listOf: Int32Array;
  private readonly weightOf: Float32Array;
  private readonly contextNumber = new Map<string, number>();
  private attributed: number | null = null;
  private speakerByName: Map<string, Speaker> | null = null;
  private readonly idf = new Map<string, number>();
  private latinWords: string[] | null = null;

  private constructor(
    readonly corpus: Corpus,
    readonly search: MiniSearch<IndexedPassage>,
    private readonly statistics: Statistics,
    tuning: Tuning,
    private readonly contexts: MiniSearch<IndexedContext> = contextIndex(corpus),
  ) {
    this.names = new NameBook(corpus.speakers);
    this.frequencies = statistics.frequencies;
    this.lengths = statistics.lengths;
    this.folded = statistics.texts;
    for (const article of corpus.articles) {
      this.articles.set(article.meta.id, article);
      for (const story of article.stories) this.stories.set(story.id, story);
      for (const passage of article.passages) {
        this.passages.set(passage.id, passage);
        this.list.push(passage);
      }
    }
    this.storyOf = new Int32Array(this.list.length);
    this.listOf = new Int32Array(this.list.length);
    this.weightOf = new Float32Array(this.list.length);
    const number = (id: string) => {
      let n = this.contextNumber.get(id);
      if (n === undefined) this.contextNumber.set(id, (n = this.contextNumber.size));
      return n;
    };
    this.list.forEach((p, i) => {
      this.storyOf[i] = number(p.storyId);
      this.listOf[i] = p.listId ? number(p.listId) : -1;
      this.weightOf[i] = KIND_WEIGHT[p.kind];
    });
    // One text per passage, in order, or the scans would read the wrong passage.
    if (this.folded.length !== this.list.length) throw new Error(`index statistics cover ${this.folded.length} of ${this.list.length} passages`);
    this.averageLength = this.lengths.reduce((n, l) => n + l, 0) / Math.max(1, this.lengths.length);
    this.commonAbove = tuning.commonAbove ?? Math.max(1000, Math.round(this.list.length * 0.02));
  }

  static build(corpus: Corpus, tuning: Tuning = {}): SearchIndex {
    const statistics = newStatistics();
    const search = new MiniSearch<IndexedPassage>(miniSearchOptions(statistics));
    search.addAll(indexedPassages(corpus));
    return new SearchIndex(corpus, search, statistics, tuning);
  }

  /**
   * The same index built in slices, yielding to the event loop between them, so a bot that
   * reloads a large corpus keeps answering meanwhile.
   */
  static async buildAsync(corpus: Corpus, chunkSize = 100): Promise<SearchIndex> {
    const statistics = newStatistics();
    const search = new MiniSearch<IndexedPassage>(miniSearchOptions(statistics));
    await search.addAllAsync(indexedPassages(corpus), { chunkSize });
    const contexts = new MiniSearch<IndexedContext>(miniSearchOptions());
    await contexts.addAllAsync(contextDocuments(corpus), { chunkSize });
    await nextTurn();
    return new SearchIndex(corpus, search, statistics, {}, contexts);
  }

  /** Rebuild from a saved index (see toJSON) of the same corpus. */
  static load(corpus: Corpus, json: string): SearchIndex {
    const saved = JSON.parse(json) as { passages: AsPlainObject; contexts: AsPlainObject; frequencies: [string, number][]; lengths: number[] };
    return new SearchIndex(
      corpus,
      MiniSearch.loadJS<IndexedPassage>(saved.passages, miniSearchOptions()),
      { frequencies: new Map(saved.frequencies), lengths: saved.lengths, texts: indexedPassages(corpus).map((p) => normalizedText(p.text)) },
      {},
      MiniSearch.loadJS<IndexedContext>(saved.contexts, miniSearchOptions()),
    );
  }

  toJSON(): string {
    return JSON.stringify({ passages: this.search, contexts: this.contexts, frequencies: [...this.frequencies], lengths: this.lengths });
  }

  passage(id: string): Passage | undefined {
    return this.passages.get(id);
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
  lists(): TrendList[] {
    return this.corpus.articles.flatMap((a) => a.lists);
  }
  figures(): Figure[] {
    return this.corpus.articles.flatMap((a) => a.figures);
  }

  /** A passage with everything needed to quote it: source, story, speaker and role. */
  quote(passage: Passage, highlights: Span[] = [], figure?: Figure): QuotedPassage {
    return quotePassage(this, passage, highlights, figure);
  }

  /** The best passages for a free question. */
  find(query: string, options: SearchOptions = {}): SearchOutcome {
    const people = this.names.mentions(query);
    // Names are matched as people, not as text: cut them out of the topic words.
    let topic = fold(query);
    for (const m of [...people].sort((a, b) => b.start - a.start)) topic = topic.slice(0, m.start) + ' ' + topic.slice(m.end);
    const { groups, terms, onlyStopWords } = parseTopic(topic);
    const named = [...new Map(people.map((m) => [m.speaker.name, m.speaker])).values()];
    const limit = options.limit ?? 10;
    const among = options.among ? new Set(options.among) : null;
    const accept =
      options.speaker || options.filter || among
        ? (p: Passage) =>
            (!options.speaker || p.attribution?.speaker === options.speaker) && (!options.filter || options.filter(p)) && (!among || among.has(p))
        : null;
    const domain = options.among ?? null;

    // Kinds of passage, the named person's own words, and a matching headline or list title.
    const theirs = new Set(named.map((s) => s.name));
    // A headline or list title counts as a share of the question's terms it holds: up to a
    // fifth more for each. A factor, not an addition, so it cannot outweigh the passage itself.
    const contextResults = terms.length > 0 ? this.contexts.search({ combineWith: 'OR', queries: terms }) : [];
    let context: Float32Array | null = null;
    if (contextResults.length > 0) {
      context = new Float32Array(this.contextNumber.size);
      for (const r of contextResults) {
        const n = this.contextNumber.get(r.id as string);
        if (n !== undefined) context[n] = r.queryTerms.length / terms.length;
      }
    }
    const finish = (p: Passage, base: number, i: number) => {
      let score = base * this.weightOf[i]!;
      if (theirs.size > 0 && p.attribution && theirs.has(p.attribution.speaker)) score *= 3;
      if (context) {
        const list = this.listOf[i]!;
        score *= 1 + CONTEXT_WEIGHT * (context[this.storyOf[i]!]! + (list >= 0 ? context[list]! : 0));
      }
      return score;
    };
    const k = Math.max(limit, RERANK);

    const position = (p: Passage) => this.positions().get(p.id)!;
    let best = new Best(k, finish, position);
    let mode: SearchOutcome['mode'] = 'none';
    if (terms.length > 0) {
      // The person's own sentences on the topic first; then anyone's on the topic.
      if (named.length > 0) this.matchAll(groups, accept, domain, named, best);
      if (best.count === 0) this.matchAll(groups, accept, domain, [], best);
      // Fuzzy matching walks the whole term tree: kept for a second try, when the words as typed
      // (and as prefixes) found nothing — a typo, not the common case.
      if (best.count === 0 && terms.some(isLatinWord)) this.matchAll(groups, accept, domain, [], best, true);
      if (best.count > 0) mode = 'all';
      else {
        // Words the reports never use (an English word the glossary lacks, a typo): the rest
        // of the question, all of it, before any single word.
        const known = groups.filter((alternatives) => alternatives.some((all) => all.every((t) => this.occurs(t))));
        if (known.length > 0 && known.length < groups.length) this.matchAll(known, accept, domain, named, best);
      }
      if (best.count > 0 && mode === 'none') mode = 'any';
      else if (best.count === 0) {
        best = new Best(k, finish, position);
        this.matchAny(terms, accept, domain, best);
        if (best.count > 0) mode = 'any';
      }
    } else if (named.length > 0) {
      for (const s of named) for (const p of this.passagesBy(s.name)) if (!accept || accept(p)) best.add(p, 1, []);
      if (best.count > 0) mode = 'all';
    }

    // Words of the question standing together in the passage (數據跨境流動, "cross-border data
    // flows") say more than the same words scattered: rerank the best candidates by that.
    const hits = best
      .sorted()
      .map((c) => {
        const matched = c.terms ?? this.termsFound(c.passage, mode === 'any' ? terms.map((t) => [[t]]) : groups, mode === 'any');
        const highlights = highlight(c.passage.text, matched);
        return { passage: c.passage, score: c.score * (1 + 0.08 * Math.min(longestRun(c.passage.text, highlights), 12)), highlights };
      })
      .sort((a, b) => b.score - a.score || (a.passage.id < b.passage.id ? -1 : 1))
      .slice(0, limit);
    return { hits, mode, people: named, onlyStopWords: onlyStopWords && named.length === 0 };
  }

  /** Words of the reports close to the question's Latin words, for "did you mean". */
  closeWords(query: string): string[] {
    const words = (fold(query).match(/[a-z][a-z0-9]{3,}/g) ?? []).slice(0, 5);
    const close = new Set<string>();
    for (const word of words) {
      for (const s of this.search.autoSuggest(word, { fields: ['text'], fuzzy: 0.34, prefix: true }).slice(0, 3)) close.add(s.suggestion);
    }
    return [...close].slice(0, 5);
  }

  /** The query terms a passage contains, for highlighting a candidate found by a scan. */
  private termsFound(passage: Passage, groups: string[][][], any: boolean): string[] {
    const i = this.positions().get(passage.id)!;
    const found = any ? this.scoreAny(this.folded[i]!, this.lengths[i]!, groups) : this.scoreGroups(this.folded[i]!, this.lengths[i]!, groups, () => true);
    return found?.terms ?? [];
  }

  /** Whether any passage has the term (a Latin word: as a word or the start of one). */
  private occurs(term: string): boolean {
    if (!isLatinWord(term)) return this.frequency(term) > 0;
    if (!this.latinWords) this.latinWords = [...this.frequencies.keys()].filter(isLatinWord).sort();
    const words = this.latinWords;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < words.length && words[lo]!.startsWith(term);
  }

  private frequency(term: string): number {
    // Latin words also match as prefixes (member -> members): they are always looked up.
    if (isLatinWord(term)) return 0;
    return this.frequencies.get(term) ?? 0;
  }

  /** Passages matching every group (and spoken by one of `people`, if any), into `best`. */
  private matchAll(
    groups: string[][][],
    accept: ((p: Passage) => boolean) | null,
    domain: Passage[] | null,
    people: Speaker[],
    best: Best,
    fuzzy = false,
  ): void {
    const rare = (t: string) => isLatinWord(t) || this.frequency(t) <= this.commonAbove;
    const theirs = new Set(people.map((s) => s.name));
    const byPerson = (p: Passage) => theirs.size === 0 || theirs.has(p.attribution?.speaker ?? '');
    const compiled = this.compile(groups);
    // A group can be looked up when each of its alternatives has a rare term: those terms find
    // the candidates; the common terms are checked in the candidates' text.
    const lookups = groups.filter((alternatives) => alternatives.every((all) => all.some(rare)));
    const fewPassages = people.length > 0 && people.every((s) => this.passagesBy(s.name).length <= this.commonAbove);

    if (lookups.length === 0 && !fewPassages) {
      // Nothing selective to look up: scan the named people's passages, or all of them.
      const scan = (p: Passage, i: number) => {
        const text = this.folded[i]!;
        // Most passages fail a plain substring test: no scoring, no allocation for them.
        if (!mayMatch(text, groups) || !byPerson(p) || (accept && !accept(p))) return;
        const score = this.scoreOnly(text, this.lengths[i]!, compiled, p, theirs);
        if (score >= 0) best.add(p, score, null, i);
      };
      if (people.length > 0 || domain) {
        const position = this.positions();
        const passages = domain ?? people.flatMap((s) => this.passagesBy(s.name));
        for (const p of passages) scan(p, position.get(p.id)!);
        return;
      }
      // The whole corpus: the hottest loop of a search, kept free of calls it does not need.
      const { folded, lengths, list } = this;
      for (let i = 0; i < list.length; i++) {
        const text = folded[i]!;
        if (!mayMatch(text, groups)) continue;
        const p = list[i]!;
        if (accept && !accept(p)) continue;
        const score = this.scoreOnly(text, lengths[i]!, compiled, p, theirs);
        if (score >= 0) best.add(p, score, null, i);
      }
      return;
    }
    const queries: Query[] = lookups.map((alternatives) => ({
      combineWith: 'OR',
      queries: alternatives.map((all) => ({ combineWith: 'AND', queries: all.filter(rare) })),
    }));
    if (people.length > 0) queries.push({ combineWith: 'OR', queries: people.map((s) => speakerTerm(s.name)), fields: ['speaker'] });
    const results = this.search.search(
      { combineWith: 'AND', queries },
      {
        fields: ['text'],
        boost: { text: 1, speaker: 2 },
        prefix: (term: string) => isLatinWord(term) && term.length >= 3,
        fuzzy: (term: string) => (fuzzy && isLatinWord(term) && term.length >= 5 ? 0.2 : false),
        maxFuzzy: 2,
      },
    );
    const everyTermRare = groups.every((alternatives) => alternatives.every((all) => all.every(rare)));
    const position = everyTermRare ? null : this.positions();
    for (const r of results) {
      const p = this.passages.get(r.id as string)!;
      if (!byPerson(p) || (accept && !accept(p))) continue;
      const matched = r.terms.filter((t) => !t.startsWith(SPEAKER_MARK));
      if (!position) {
        best.add(p, r.score, matched);
        continue;
      }
      const i = position.get(p.id)!;
      if (fuzzy) {
        // Words matched fuzzily are MiniSearch's to score; the text only confirms the rest.
        const looked = new Set(r.queryTerms);
        const scored = this.scoreGroups(this.folded[i]!, this.lengths[i]!, groups, (t) => !rare(t), (t) => (isLatinWord(t) ? looked.has(t) : undefined));
        if (!scored) continue;
        const q = r.queryTerms.length;
        best.add(p, (r.score / q + scored.score) * (q + scored.terms.length), [...matched, ...scored.terms]);
        continue;
      }
      // The candidates are scored from their text, every term alike, the way MiniSearch would.
      const score = this.scoreOnly(this.folded[i]!, this.lengths[i]!, compiled, p, theirs);
      if (score >= 0) best.add(p, score, null, i);
    }
  }

  /**
   * Passages matching any term, into `best`. A union needs every term's passages, so with a
   * common term among them a scan is cheaper than any lookup; without one, MiniSearch does it.
   */
  private matchAny(terms: string[], accept: ((p: Passage) => boolean) | null, domain: Passage[] | null, best: Best): void {
    if (terms.some((t) => this.frequency(t) > this.commonAbove)) {
      const groups = terms.map((t) => [[t]]);
      const scan = (p: Passage, i: number) => {
        const text = this.folded[i]!;
        if (!terms.some((t) => text.includes(t)) || (accept && !accept(p))) return;
        const scored = this.scoreAny(text, this.lengths[i]!, groups);
        if (scored) best.add(p, scored.score * scored.terms.length, scored.terms, i);
      };
      if (domain) {
        const position = this.positions();
        for (const p of domain) scan(p, position.get(p.id)!);
      } else for (let i = 0; i < this.list.length; i++) scan(this.list[i]!, i);
      return;
    }
    for (const r of this.search.search({ combineWith: 'OR', queries: terms }, { fields: ['text'], prefix: (t: string) => isLatinWord(t) && t.length >= 3 })) {
      const p = this.passages.get(r.id as string)!;
      if (!accept || accept(p)) best.add(p, r.score, r.terms);
    }
  }

  /** The question's terms with what scoring needs of each, worked out once per question. */
  private compile(groups: string[][][]): CompiledTerm[][][] {
    return groups.map((alternatives) => alternatives.map((all) => all.map((term) => ({ term, latin: isLatinWord(term), idf: this.idfOf(term) }))));
  }

  /**
   * The score MiniSearch would give a passage for every group (its terms' BM25 summed, times
   * the number of terms matched, the named speaker's term counting as one), or -1 when a group
   * does not match. Allocates nothing: it runs for every passage of a scan.
   */
  private scoreOnly(text: string, length: number, groups: CompiledTerm[][][], passage: Passage, people: Set<string>): number {
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
  private scoreGroups(
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
  private scoreAny(text: string, length: number, groups: string[][][]): { score: number; terms: string[] } | null {
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
    const n = this.list.length;
    const df = this.passagesBy(name).length;
    this.attributed ??= this.list.filter((p) => p.attribution).length;
    const average = this.attributed / Math.max(1, n);
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return 2 * bm25(idf, 1, 1, average);
  }

  private idfOf(term: string): number {
    let idf = this.idf.get(term);
    if (idf === undefined) {
      const n = this.list.length;
      const df = Math.max(1, this.frequency(term));
      idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      if (this.idf.size > 100_000) this.idf.clear();
      this.idf.set(term, idf);
    }
    return idf;
  }

  private bm25(term: string, tf: number, length: number): number {
    return bm25(this.idfOf(term), tf, length, this.averageLength);
  }

  /** Where each passage stands in corpus order, built on first need. */
  private positions(): Map<string, number> {
    this.positionOf ??= new Map(this.list.map((p, i) => [p.id, i]));
    return this.positionOf;
  }
}

interface CompiledTerm {
  term: string;
  latin: boolean;
  idf: number;
}

interface Candidate {
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
class Best {
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

/** MiniSearch's BM25+ term score, for the terms scored outside it. */
function bm25(idf: number, tf: number, length: number, averageLength: number): number {
  return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)));
}

/** Whether each group has an alternative all of whose terms occur in the text (as substrings). */
function mayMatch(text: string, groups: string[][][]): boolean {
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

function indexedPassages(corpus: Corpus): IndexedPassage[] {
  return corpus.articles.flatMap((article) =>
    article.passages.map((p) => ({ id: p.id, text: p.text, speaker: p.attribution ? speakerTerm(p.attribution.speaker) : '' })),
  );
}

function contextDocuments(corpus: Corpus): IndexedContext[] {
  return corpus.articles.flatMap((a) => [
    ...a.stories.map((s) => ({ id: s.id, text: s.headlines.join(' ') })),
    ...a.lists.map((l) => ({ id: l.id, text: l.title ?? '' })),
  ]);
}

function contextIndex(corpus: Corpus): MiniSearch<IndexedContext> {
  const contexts = new MiniSearch<IndexedContext>(miniSearchOptions());
  contexts.addAll(contextDocuments(corpus));
  return contexts;
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
