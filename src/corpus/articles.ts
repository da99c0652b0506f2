/**
 * Finding an article of the corpus by what a moderator typed: its id (what autocomplete fills
 * in), else a part of its id, title or file name that only one article has.
 */
import type { Article } from '../model.ts';
import { fold } from '../text/fold.ts';
import type { Corpus } from './load.ts';

export type ArticleLookup = { found: Article } | { suggestions: Article[] };

/** The articles whose id, title or file holds `typed` (folded), those starting with it first. */
export function matchArticles(corpus: Corpus, typed: string): Article[] {
  const wanted = fold(typed).trim();
  if (wanted === '') return [...corpus.articles];
  const scored = corpus.articles
    .map((article) => {
      const fields = [article.meta.id, article.meta.title, article.meta.file].map(fold);
      const score = fields.some((f) => f.startsWith(wanted)) ? 2 : fields.some((f) => f.includes(wanted)) ? 1 : 0;
      return { article, score };
    })
    .filter((x) => x.score > 0);
  return scored.sort((a, b) => b.score - a.score).map((x) => x.article);
}

export function findArticle(corpus: Corpus, input: string): ArticleLookup {
  const exact = corpus.articles.find((a) => a.meta.id === input);
  if (exact) return { found: exact };
  const byFold = corpus.articles.filter((a) => fold(a.meta.id) === fold(input) || fold(a.meta.file) === fold(input));
  if (byFold.length === 1) return { found: byFold[0]! };
  const matches = matchArticles(corpus, input);
  if (matches.length === 1) return { found: matches[0]! };
  return { suggestions: matches };
}
