/**
 * The search engine itself: common terms checked in text give the same answers as terms looked
 * up in MiniSearch, and a saved index answers like the one it was saved from.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { QUERIES } from '../bench/queries.ts';
import { GOLDEN } from './golden.ts';
import { CORPUS_DIR, load } from './helpers.ts';

let corpus: Corpus;
let looked: SearchIndex;
let scanned: SearchIndex;
let mixed: SearchIndex[];
beforeAll(async () => {
  corpus = await load(CORPUS_DIR);
  looked = SearchIndex.build(corpus);
  scanned = SearchIndex.build(corpus, { commonAbove: 0 });
  // Some terms of a question looked up, others checked in the text.
  mixed = [2, 5, 12].map((commonAbove) => SearchIndex.build(corpus, { commonAbove }));
});

const questions = [...GOLDEN.filter((g) => g.line.startsWith('/ask query:')).map((g) => g.line.slice('/ask query:'.length)), ...QUERIES.ask.map((q) => q.query!), '梁振英 隱私', '数据', '香港 數據'];

describe('common terms', () => {
  it('checked in the text, find the same passages in the same order as looked up', () => {
    for (const q of questions) {
      const a = looked.find(q, { limit: 10 });
      for (const other of [scanned, ...mixed]) {
        const b = other.find(q, { limit: 10 });
        expect(b.mode, q).toBe(a.mode);
        expect(
          b.hits.map((h) => h.passage.id),
          q,
        ).toEqual(a.hits.map((h) => h.passage.id));
      }
    }
  });

  it('honour the speaker filter and other filters', () => {
    const theirs = scanned.find('數據', { speaker: '陳茂波', limit: 50 });
    expect(theirs.hits.length).toBeGreaterThan(3);
    expect(theirs.hits.every((h) => h.passage.attribution?.speaker === '陳茂波' && h.passage.text.includes('數據'))).toBe(true);
    const captions = scanned.find('梁振英', { filter: (p) => p.kind === 'caption' });
    expect(captions.hits.every((h) => h.passage.kind === 'caption')).toBe(true);
  });
});

describe('a saved index', () => {
  it('answers like the index it was saved from', () => {
    const loaded = SearchIndex.load(corpus, looked.toJSON());
    for (const q of questions)
      expect(
        loaded.find(q).hits.map((h) => h.passage.id),
        q,
      ).toEqual(looked.find(q).hits.map((h) => h.passage.id));
  });
});
