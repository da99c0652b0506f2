/**
 * The search engine itself: filters, and an index made again from its data answering like the
 * one it was made from. (Its scores are held against MiniSearch's in search-engine.test.ts, its
 * answers against the recorded ones in search-answers.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { QUERIES } from '../bench/queries.ts';
import { GOLDEN } from './golden.ts';
import { CORPUS_DIR, load } from './helpers.ts';

let corpus: Corpus;
let index: SearchIndex;
beforeAll(async () => {
  corpus = await load(CORPUS_DIR);
  index = SearchIndex.build(corpus);
});

const questions = [...GOLDEN.filter((g) => g.line.startsWith('/ask query:')).map((g) => g.line.slice('/ask query:'.length)), ...QUERIES.ask.map((q) => q.query!), '梁振英 隱私', '数据', '香港 數據'];

describe('a search', () => {
  it('honours the speaker filter and other filters', () => {
    const theirs = index.find('數據', { speaker: '陳茂波', limit: 50 });
    expect(theirs.hits.length).toBeGreaterThan(3);
    expect(theirs.hits.every((h) => h.passage.attribution?.speaker === '陳茂波' && h.passage.text.includes('數據'))).toBe(true);
    const captions = index.find('梁振英', { filter: (p) => p.kind === 'caption' });
    expect(captions.hits.every((h) => h.passage.kind === 'caption')).toBe(true);
  });

  it('among given passages, finds only them, each once', () => {
    const among = index.allPassages().filter((p) => p.text.includes('數據'));
    const found = index.find('數據 香港', { among: [...among, ...among], limit: 200 });
    const ids = found.hits.map((h) => h.passage.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(found.hits.every((h) => among.includes(h.passage))).toBe(true);
  });

  it('an index made again from its data answers like the one it was made from', () => {
    const again = SearchIndex.fromData(corpus, index.data());
    for (const q of questions) expect(again.find(q).hits.map((h) => [h.passage.id, h.score])).toEqual(index.find(q).hits.map((h) => [h.passage.id, h.score]));
  });

  it('built in slices is the same index', async () => {
    const sliced = await SearchIndex.buildAsync(corpus, 7);
    for (const q of questions) expect(sliced.find(q).hits.map((h) => [h.passage.id, h.score])).toEqual(index.find(q).hits.map((h) => [h.passage.id, h.score]));
  });
});
