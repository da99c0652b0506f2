/**
 * The searchable corpus: MiniSearch over passages, the lookups every command needs, and the
 * search that follows a question's plan (plan.ts) to its best passages.
 *
 * Fields: the passage text, and its speaker as one whole-name term (so a question naming a
 * person finds that person's sentences, not every 英 on the page). Story headlines and list
 * titles are a second, small index: a match there counts a little for each of their passages.
 * Beside MiniSearch the index keeps every passage's folded text, in which common terms are
 * checked and scored (score.ts) instead of being looked up.
 */
import MiniSearch, { type AsPlainObject, type Query } from 'minisearch';
import { nextTurn, type Corpus } from '../corpus/load.ts';
import type { Article, ArticleMeta, Figure, Passage, Speaker, Story, TrendList } from '../model.ts';
import { fold } from '../text/fold.ts';
import { NameBook } from './names.ts';
import { buildLexicon, type Lexicon } from './lexicon.ts';
import { defaultCommonAbove, planAllTerms, Rarity, readQuestion, steps } from './plan.ts';
import { highlight, quotePassage, type QuotedPassage, type Span } from './quote.ts';
import { BM25, Best, mayMatch, RERANK, Ranking, Scorer, withProximity } from './score.ts';
import { documentTokens, isLatinWord, normalizedText, normalizedTokens } from './tokenize.ts';

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
   * Terms in more passages than this are checked in the candidates' text instead of looked up
   * (default: 2% of the passages, at least 1,000). 0 checks every term that way.
   */
  commonAbove?: number;
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
const speakerTerm = (name: string) => SPEAKER_MARK + fold(name);

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
      // The scorers outside MiniSearch must score as it does. The whole object: MiniSearch
      // takes it as given, without filling in its defaults.
      bm25: BM25,
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
  private readonly frequencies: Map<string, number>;
  private readonly lengths: number[];
  private readonly rarity: Rarity;
  private bySpeaker: Map<string, Passage[]> | null = null;
  private positionOf: Map<string, number> | null = null;
  private readonly scorer: Scorer;
  private readonly ranking: Ranking;
  private speakerByName: Map<string, Speaker> | null = null;
  private latinWords: string[] | null = null;
  /** The dictionary cut to this corpus, built at the first question that needs it. */
  private lexicon: Lexicon | null | undefined;
  private readonly useDictionary: boolean;

  private constructor(
    readonly corpus: Corpus,
    readonly search: MiniSearch<IndexedPassage>,
    statistics: Statistics,
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
    this.ranking = new Ranking(this.list);
    // One text per passage, in order, or the scans would read the wrong passage.
    if (this.folded.length !== this.list.length) throw new Error(`index statistics cover ${this.folded.length} of ${this.list.length} passages`);
    this.rarity = new Rarity(this.frequencies, tuning.commonAbove ?? defaultCommonAbove(this.list.length));
    this.useDictionary = tuning.dictionary ?? true;
    this.scorer = new Scorer(
      this.list,
      this.lengths,
      (term) => this.rarity.frequency(term),
      (name) => this.passagesBy(name),
    );
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
  quote(passage: Passage, highlights: Span[] = [], figures?: Figure[]): QuotedPassage {
    return quotePassage(this, passage, highlights, figures);
  }

  /** The corpus's own cut of the dictionary: the words its passages hold. */
  private words(): Lexicon | undefined {
    if (!this.useDictionary) return undefined;
    this.lexicon ??= buildLexicon(
      (bigram) => this.frequencies.has(bigram),
      (word) => this.frequencies.has(word),
    );
    return this.lexicon ?? undefined;
  }

  /** The best passages for a free question. */
  find(query: string, options: SearchOptions = {}): SearchOutcome {
    const question = readQuestion(query, this.names, this.words());
    const { people: named, groups, terms, labels } = question;
    const limit = options.limit ?? 10;
    const among = options.among ? new Set(options.among) : null;
    const accept =
      options.speaker || options.filter || among
        ? (p: Passage) => (!options.speaker || p.attribution?.speaker === options.speaker) && (!options.filter || options.filter(p)) && (!among || among.has(p))
        : null;
    const domain = options.among ?? null;

    const contextResults = terms.length > 0 ? this.contexts.search({ combineWith: 'OR', queries: terms }) : [];
    const finish = this.ranking.finisher(new Set(named.map((s) => s.name)), contextResults, terms.length);
    const best = new Best(Math.max(limit, RERANK), finish, (p) => this.positions().get(p.id)!);
    let mode: SearchOutcome['mode'] = 'none';
    for (const step of steps(question, (t) => this.occurs(t))) {
      if (step.match === 'all') this.matchAll(step.groups, accept, domain, step.people, best, step.fuzzy);
      else if (step.match === 'any' && step.people.length > 0) {
        // The domain for a scan, the test for a lookup: either way only their passages.
        const names = new Set(step.people.map((s) => s.name));
        const theirs = step.people.flatMap((s) => this.passagesBy(s.name)).filter((p) => !accept || accept(p));
        this.matchAny(step.terms, (p) => names.has(p.attribution?.speaker ?? '') && (!accept || accept(p)), theirs, best);
      } else if (step.match === 'any') this.matchAny(step.terms, accept, domain, best);
      else for (const s of step.people) for (const p of this.passagesBy(s.name)) if (!accept || accept(p)) best.add(p, 1, []);
      if (best.count > 0) {
        mode = step.mode;
        break;
      }
    }

    // Each term's test built once per question, not once per candidate.
    const holders = new Map<string, (text: string) => boolean>();
    // A group no passage holds weighs nothing: it lowers every passage alike, so it is left out
    // of the share and named in the notice instead. An all-terms match held every group.
    const known = mode !== 'all' ? groups.map((alternatives) => alternatives.some((all) => all.every((t) => this.occurs(t)))) : groups.map(() => true);
    const weights = mode === 'any' ? groups.map((alternatives, g) => (known[g] ? this.weight(alternatives) : 0)) : [];
    if (mode === 'any') {
      for (const term of terms) {
        const latin = isLatinWord(term) ? new RegExp(`(?<![a-z0-9])${term}`) : null;
        holders.set(term, latin ? (text) => latin.test(text) : (text) => text.includes(term));
      }
    }
    const hits = best
      .sorted()
      .map((c) => {
        const matched = c.terms ?? this.termsFound(c.passage, mode === 'any' ? terms.map((t) => [[t]]) : groups, mode === 'any');
        const highlights = highlight(c.passage.text, matched);
        const coverage = mode === 'any' ? this.coverage(c.passage, groups, weights, holders) : 1;
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
        const df = this.frequencies.get(term) ?? (this.occurs(term) ? 1 : 0);
        sum += Math.log(1 + (n - df + 0.5) / (df + 0.5));
      }
      best = Math.max(best, sum / all.length);
    }
    return best;
  }

  /** Weighted share of the question the passage's text holds (a Latin word as a prefix). */
  private coverage(passage: Passage, groups: string[][][], weights: number[], holders: Map<string, (text: string) => boolean>): number {
    const total = weights.reduce((a, b) => a + b, 0);
    if (total === 0) return 1;
    const text = this.folded[this.positions().get(passage.id)!]!;
    const holds = (term: string) => holders.get(term)?.(text) ?? text.includes(term);
    // A group counts by its best alternative's share of terms: 開放數據 is two thirds held by
    // 數據平台已開放 (開放, 數據, not 放數).
    let sum = 0;
    for (let g = 0; g < groups.length; g++) {
      if (weights[g] === 0) continue;
      sum += weights[g]! * Math.max(...groups[g]!.map((terms) => (terms.length ? terms.filter(holds).length / terms.length : 0)));
    }
    return sum / total;
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
    const found = any ? this.scorer.scoreAny(this.folded[i]!, this.lengths[i]!, groups) : this.scorer.scoreGroups(this.folded[i]!, this.lengths[i]!, groups, () => true);
    return found?.terms ?? [];
  }

  /** Whether any passage has the term (a Latin word: as a word or the start of one). */
  private occurs(term: string): boolean {
    if (!isLatinWord(term)) return this.rarity.frequency(term) > 0;
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

  /** Passages matching every group (and spoken by one of `people`, if any), into `best`. */
  private matchAll(groups: string[][][], accept: ((p: Passage) => boolean) | null, domain: Passage[] | null, people: Speaker[], best: Best, fuzzy = false): void {
    const { rare } = this.rarity;
    const theirs = new Set(people.map((s) => s.name));
    const byPerson = (p: Passage) => theirs.size === 0 || theirs.has(p.attribution?.speaker ?? '');
    const compiled = this.scorer.compile(groups);
    const fewPassages = people.length > 0 && people.every((s) => this.passagesBy(s.name).length <= this.rarity.commonAbove);
    const plan = planAllTerms(groups, rare, fewPassages);

    if (plan.scan) {
      // Nothing selective to look up: scan the named people's passages, or all of them.
      const scan = (p: Passage, i: number) => {
        const text = this.folded[i]!;
        // Most passages fail a plain substring test: no scoring, no allocation for them.
        if (!mayMatch(text, groups) || !byPerson(p) || (accept && !accept(p))) return;
        const score = this.scorer.scoreOnly(text, this.lengths[i]!, compiled, p, theirs);
        if (score >= 0) best.add(p, score, null, i);
      };
      if (people.length > 0 || domain) {
        const position = this.positions();
        const passages = domain ?? people.flatMap((s) => this.passagesBy(s.name));
        for (const p of passages) scan(p, position.get(p.id)!);
        return;
      }
      // The whole corpus: the hottest loop of a search, kept free of calls it does not need.
      const { folded, lengths, list, scorer } = this;
      for (let i = 0; i < list.length; i++) {
        const text = folded[i]!;
        if (!mayMatch(text, groups)) continue;
        const p = list[i]!;
        if (accept && !accept(p)) continue;
        const score = scorer.scoreOnly(text, lengths[i]!, compiled, p, theirs);
        if (score >= 0) best.add(p, score, null, i);
      }
      return;
    }
    const queries: Query[] = plan.lookups.map((alternatives) => ({
      combineWith: 'OR',
      queries: alternatives.map((all) => ({ combineWith: 'AND', queries: all })),
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
    const position = plan.everyTermRare ? null : this.positions();
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
        const scored = this.scorer.scoreGroups(
          this.folded[i]!,
          this.lengths[i]!,
          groups,
          (t) => !rare(t),
          (t) => (isLatinWord(t) ? looked.has(t) : undefined),
        );
        if (!scored) continue;
        const q = r.queryTerms.length;
        best.add(p, (r.score / q + scored.score) * (q + scored.terms.length), [...matched, ...scored.terms]);
        continue;
      }
      // The candidates are scored from their text, every term alike, the way MiniSearch would.
      const score = this.scorer.scoreOnly(this.folded[i]!, this.lengths[i]!, compiled, p, theirs);
      if (score >= 0) best.add(p, score, null, i);
    }
  }

  /**
   * Passages matching any term, into `best`. A union needs every term's passages, so with a
   * common term among them a scan is cheaper than any lookup; without one, MiniSearch does it.
   */
  private matchAny(terms: string[], accept: ((p: Passage) => boolean) | null, domain: Passage[] | null, best: Best): void {
    if (terms.some(this.rarity.common)) {
      const groups = terms.map((t) => [[t]]);
      const scan = (p: Passage, i: number) => {
        const text = this.folded[i]!;
        if (!terms.some((t) => text.includes(t)) || (accept && !accept(p))) return;
        const scored = this.scorer.scoreAny(text, this.lengths[i]!, groups);
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

  /** Where each passage stands in corpus order, built on first need. */
  private positions(): Map<string, number> {
    this.positionOf ??= new Map(this.list.map((p, i) => [p.id, i]));
    return this.positionOf;
  }
}

function indexedPassages(corpus: Corpus): IndexedPassage[] {
  return corpus.articles.flatMap((article) => article.passages.map((p) => ({ id: p.id, text: p.text, speaker: p.attribution ? speakerTerm(p.attribution.speaker) : '' })));
}

function contextDocuments(corpus: Corpus): IndexedContext[] {
  return corpus.articles.flatMap((a) => [...a.stories.map((s) => ({ id: s.id, text: s.headlines.join(' ') })), ...a.lists.map((l) => ({ id: l.id, text: l.title ?? '' }))]);
}

function contextIndex(corpus: Corpus): MiniSearch<IndexedContext> {
  const contexts = new MiniSearch<IndexedContext>(miniSearchOptions());
  contexts.addAll(contextDocuments(corpus));
  return contexts;
}
