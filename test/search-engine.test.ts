/**
 * The term index scores as MiniSearch does. MiniSearch itself, given the same tokens, answers
 * random questions — groups of alternatives of terms, Chinese bigrams, numbers, English words,
 * their prefixes and their typos, with and without fuzzy matching — and the term index must
 * find the same passages with the same scores.
 */
import fc from 'fast-check';
import MiniSearch, { type Query } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher, matchAll, matchAny } from '../src/search/match.ts';
import { BM25 } from '../src/search/score.ts';
import { TermIndex } from '../src/search/terms.ts';
import { documentTokens, isLatinWord } from '../src/search/tokenize.ts';
import { CORPUS_DIR, FIXTURES, load } from './helpers.ts';

let reference: MiniSearch<{ id: number; text: string }>;
let index: TermIndex;
let vocabulary: string[];

beforeAll(async () => {
  const texts = [...(await load(CORPUS_DIR)).articles, ...(await load(`${FIXTURES}/attribution/dev`)).articles].flatMap((a) => a.passages.map((p) => p.text));
  reference = new MiniSearch({
    fields: ['text'],
    tokenize: (text: string) => documentTokens(text),
    processTerm: (term: string) => term,
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term, bm25: BM25 },
  });
  reference.addAll(texts.map((text, id) => ({ id, text })));
  index = TermIndex.build(texts.map(documentTokens));
  vocabulary = index.vocabulary;
});

/** A term a question may hold: a word of the reports, a prefix or a typo of one, or a word none holds. */
const term = () =>
  fc.oneof(
    fc.nat().map((n) => vocabulary[n % vocabulary.length]!),
    fc.nat().map((n) => {
      const latin = vocabulary.filter(isLatinWord);
      const word = latin[n % latin.length]!;
      return word.slice(0, Math.max(2, Math.min(word.length, 3 + (n % 4))));
    }),
    fc.tuple(fc.nat(), fc.nat()).map(([n, k]) => {
      const latin = vocabulary.filter((w) => isLatinWord(w) && w.length >= 5);
      const word = latin[n % latin.length]!;
      const at = k % word.length;
      return word.slice(0, at) + String.fromCharCode(97 + (k % 26)) + word.slice(at + 1);
    }),
    fc.constantFrom('數據', '香港', 'data', 'zzzz', '不存在詞'),
  );

const question = fc.array(fc.array(fc.array(term(), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

function miniSearchScores(query: Query, fuzzy: boolean): Map<number, number> {
  const results = reference.search(query, {
    prefix: (t: string) => isLatinWord(t) && t.length >= 3,
    fuzzy: (t: string) => (fuzzy && isLatinWord(t) && t.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
  });
  return new Map(results.map((r) => [r.id as number, r.score]));
}

function expectSameScores(ours: Map<number, number>, theirs: Map<number, number>): void {
  expect([...ours.keys()].sort((a, b) => a - b)).toEqual([...theirs.keys()].sort((a, b) => a - b));
  for (const [doc, score] of theirs) expect(Math.abs(ours.get(doc)! - score) / score).toBeLessThan(1e-9);
}

describe('the term index', () => {
  it('finds the passages MiniSearch finds for every group, with its scores', () => {
    fc.assert(
      fc.property(question, fc.boolean(), (groups, fuzzy) => {
        const theirs = miniSearchScores(
          { combineWith: 'AND', queries: groups.map((alternatives) => ({ combineWith: 'OR', queries: alternatives.map((all) => ({ combineWith: 'AND', queries: all })) })) },
          fuzzy,
        );
        const ours = new Map<number, number>();
        matchAll(new Matcher(index).compile(groups, { prefix: true, fuzzy }), null, (doc, score, quality) => ours.set(doc, score * quality));
        expectSameScores(ours, theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the passages MiniSearch finds for any term, with its scores', () => {
    fc.assert(
      fc.property(fc.array(term(), { minLength: 1, maxLength: 6 }), (terms) => {
        const distinct = [...new Set(terms)];
        const theirs = miniSearchScores({ combineWith: 'OR', queries: distinct }, false);
        const ours = new Map<number, number>();
        matchAny(
          new Matcher(index).compile(
            distinct.map((t) => [[t]]),
            { prefix: true, fuzzy: false },
          ),
          null,
          (doc, score, quality) => ours.set(doc, score * quality),
        );
        expectSameScores(ours, theirs);
      }),
      { numRuns: 300 },
    );
  });
});
