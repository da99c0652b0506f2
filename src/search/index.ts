/**
 * The searchable corpus: MiniSearch over passages, with the lookups every command needs.
 *
 * Fields: the passage text; its speaker as one whole-name term (so a question naming a person
 * finds that person's sentences, not every 英 on the page); its story headline and list title
 * (a headline or list match counts, a little). Queries are tokenized here, not by MiniSearch:
 * all terms must match first (AND), and only when nothing does, any term (OR). Prefix and fuzzy
 * matching apply to Latin words only — on Chinese bigrams they would match nonsense.
 */
import MiniSearch, { type AsPlainObject, type Query, type SearchResult } from 'minisearch';
import type { Corpus } from '../corpus/load.ts';
import type { Article, ArticleMeta, Figure, Passage, Speaker, Story, TrendList } from '../model.ts';
import type { QuotedPassage } from '../reply.ts';
import { fold } from '../text/fold.ts';
import { NameBook } from './names.ts';
import { documentTokens, isLatinWord, normalize, topicQuery as parseTopic } from './tokenize.ts';

export type Span = [start: number, end: number];

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

export interface SearchOptions {
  /** Only this speaker's passages. */
  speaker?: string;
  /** Only passages passing this test. */
  filter?: (passage: Passage) => boolean;
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

export function miniSearchOptions() {
  return {
    fields: ['text', 'speaker'],
    idField: 'id',
    tokenize: (text: string, field?: string) => (field === 'speaker' ? (text ? [text] : []) : documentTokens(text)),
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
  readonly search: MiniSearch<IndexedPassage>;
  private readonly contexts: MiniSearch<IndexedContext>;
  private bySpeaker: Map<string, Passage[]> | null = null;

  private constructor(readonly corpus: Corpus, search: MiniSearch<IndexedPassage>, contexts?: MiniSearch<IndexedContext>) {
    this.names = new NameBook(corpus.speakers);
    this.search = search;
    this.contexts = contexts ?? contextIndex(corpus);
    for (const article of corpus.articles) {
      this.articles.set(article.meta.id, article);
      for (const story of article.stories) this.stories.set(story.id, story);
      for (const passage of article.passages) this.passages.set(passage.id, passage);
    }
  }

  static build(corpus: Corpus): SearchIndex {
    const search = new MiniSearch<IndexedPassage>(miniSearchOptions());
    search.addAll(indexedPassages(corpus));
    return new SearchIndex(corpus, search);
  }

  /**
   * The same index built in slices, yielding to the event loop between them, so a bot that
   * reloads a large corpus keeps answering meanwhile.
   */
  static async buildAsync(corpus: Corpus, chunkSize = 250): Promise<SearchIndex> {
    const search = new MiniSearch<IndexedPassage>(miniSearchOptions());
    await search.addAllAsync(indexedPassages(corpus), { chunkSize });
    return new SearchIndex(corpus, search);
  }

  /** Rebuild from a saved index (see toJSON) of the same corpus. */
  static load(corpus: Corpus, json: string): SearchIndex {
    const saved = JSON.parse(json) as { passages: AsPlainObject; contexts: AsPlainObject };
    return new SearchIndex(corpus, MiniSearch.loadJS<IndexedPassage>(saved.passages, miniSearchOptions()), MiniSearch.loadJS<IndexedContext>(saved.contexts, miniSearchOptions()));
  }

  toJSON(): string {
    return JSON.stringify({ passages: this.search, contexts: this.contexts });
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
    return this.corpus.speakers.find((s) => s.name === name);
  }
  allPassages(): Passage[] {
    return [...this.passages.values()];
  }
  /** A speaker's passages in corpus order. */
  passagesBy(name: string): Passage[] {
    if (!this.bySpeaker) {
      this.bySpeaker = new Map();
      for (const p of this.passages.values()) {
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
    const name = passage.attribution?.speaker;
    const speaker = name ? this.speaker(name) : undefined;
    const roles = speaker?.roles ?? [];
    return {
      passage,
      article: this.article(passage.articleId)!,
      story: this.story(passage.storyId) ?? null,
      speaker: name ? { name, role: roles.length ? roles.join(/\p{Script=Han}/u.test(roles[0]!) ? '、' : '; ') : null } : null,
      highlights,
      ...(figure ? { figure } : {}),
    };
  }

  /** The best passages for a free question. */
  find(query: string, options: SearchOptions = {}): SearchOutcome {
    const people = this.names.mentions(query);
    // Names are matched as people, not as text: cut them out of the topic words.
    let topic = fold(query);
    for (const m of [...people].sort((a, b) => b.start - a.start)) topic = topic.slice(0, m.start) + ' ' + topic.slice(m.end);
    const topicWords = parseTopic(topic);
    const { terms, onlyStopWords } = topicWords;
    const named = [...new Map(people.map((m) => [m.speaker.name, m.speaker])).values()];
    const limit = options.limit ?? 10;

    const filter = (r: SearchResult) => {
      const passage = this.passages.get(r.id as string)!;
      if (options.speaker && passage.attribution?.speaker !== options.speaker) return false;
      return options.filter ? options.filter(passage) : true;
    };
    const boostDocument = (id: string) => {
      const passage = this.passages.get(id)!;
      const speaking = named.some((s) => s.name === passage.attribution?.speaker) ? 3 : 1;
      return KIND_WEIGHT[passage.kind] * speaking;
    };
    // Fuzzy matching walks the whole term tree, bigrams included: it is kept for a second try,
    // when the words as typed (and as prefixes) found nothing — a typo, not the common case.
    let fuzzy = false;
    const run = (query: Query) =>
      this.search.search(query, {
        boost: { text: 1, speaker: 2 },
        filter,
        boostDocument,
        prefix: (term: string) => isLatinWord(term) && term.length >= 3,
        fuzzy: (term: string) => (fuzzy && isLatinWord(term) && term.length >= 5 ? 0.2 : false),
        maxFuzzy: 2,
      });

    const personQuery = (s: Speaker): Query => ({ queries: [speakerTerm(s.name)], fields: ['speaker'] });
    const topicQuery = (combineWith: 'AND' | 'OR'): Query =>
      combineWith === 'OR'
        ? { combineWith, queries: terms, fields: ['text'] }
        : {
            combineWith,
            fields: ['text'],
            queries: topicWords.groups.map((alternatives) => ({
              combineWith: 'OR',
              queries: alternatives.map((all) => ({ combineWith: 'AND', queries: all })),
            })),
          };

    let results: SearchResult[] = [];
    let mode: SearchOutcome['mode'] = 'none';
    if (terms.length > 0) {
      if (named.length > 0) {
        // The person's own sentences on the topic first; then anyone's on the topic.
        results = run({ combineWith: 'AND', queries: [{ combineWith: 'OR', queries: named.map(personQuery) }, topicQuery('AND')] });
        if (results.length === 0) results = run(topicQuery('AND'));
      } else results = run(topicQuery('AND'));
      mode = results.length > 0 ? 'all' : 'none';
      if (results.length === 0 && terms.some(isLatinWord)) {
        fuzzy = true;
        results = run(topicQuery('AND'));
        mode = results.length > 0 ? 'all' : 'none';
      }
      if (results.length === 0) {
        results = run(topicQuery('OR'));
        if (results.length > 0) mode = 'any';
      }
    } else if (named.length > 0) {
      results = run({ combineWith: 'OR', queries: named.map(personQuery) });
      mode = results.length > 0 ? 'all' : 'none';
    }

    // A headline or list title that matches counts a little, but only for passages that match
    // themselves: a story's headline says nothing about each of its sentences.
    if (results.length > 0 && terms.length > 0) {
      const context = new Map(this.contexts.search({ combineWith: 'OR', queries: terms }).map((r) => [r.id as string, r.score]));
      for (const r of results) {
        const passage = this.passages.get(r.id as string)!;
        r.score += 0.3 * ((context.get(passage.storyId) ?? 0) + (passage.listId ? (context.get(passage.listId) ?? 0) : 0));
      }
      results.sort((a, b) => b.score - a.score);
    }
    // Words of the question standing together in the passage (數據跨境流動, "cross-border data
    // flows") say more than the same words scattered: rerank the best candidates by that.
    const hits = results
      .slice(0, Math.max(limit, RERANK))
      .map((r) => {
        const passage = this.passages.get(r.id as string)!;
        const highlights = highlight(passage.text, r.terms.filter((t) => !t.startsWith(SPEAKER_MARK)));
        return { passage, score: r.score * (1 + 0.08 * Math.min(longestRun(passage.text, highlights), 12)), highlights };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    return { hits, mode, people: named, onlyStopWords: onlyStopWords && named.length === 0 };
  }
}

function indexedPassages(corpus: Corpus): IndexedPassage[] {
  return corpus.articles.flatMap((article) =>
    article.passages.map((p) => ({ id: p.id, text: p.text, speaker: p.attribution ? speakerTerm(p.attribution.speaker) : '' })),
  );
}

function contextIndex(corpus: Corpus): MiniSearch<IndexedContext> {
  const contexts = new MiniSearch<IndexedContext>(miniSearchOptions());
  contexts.addAll(
    corpus.articles.flatMap((a) => [
      ...a.stories.map((s) => ({ id: s.id, text: s.headlines.join(' ') })),
      ...a.lists.map((l) => ({ id: l.id, text: l.title ?? '' })),
    ]),
  );
  return contexts;
}

/** Where the matched terms stand in the passage, merged into spans of the verbatim text. */
export function highlight(text: string, terms: string[]): Span[] {
  const { text: norm, origin } = normalize(text);
  const marks: boolean[] = new Array(norm.length).fill(false);
  for (const term of terms) {
    if (!term) continue;
    for (let at = norm.indexOf(term); at >= 0; at = norm.indexOf(term, at + 1)) {
      for (let i = at; i < at + term.length; i++) marks[i] = true;
    }
  }
  const spans: Span[] = [];
  for (let i = 0; i < norm.length; i++) {
    if (!marks[i]) continue;
    let j = i;
    while (j + 1 < norm.length && marks[j + 1]) j++;
    spans.push([origin[i]!, origin[j]! + 1]);
    i = j;
  }
  return spans;
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
