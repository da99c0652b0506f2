/**
 * How a reply's passages are laid out for a reader, whatever the medium (Discord or console):
 * passages of one story together under one source line (paper, date, headline, linked when the
 * report's address is known; a page of several stories gives one line to each), and within it
 * the passages of one speaker under one attribution. A reader scans the quotes; who said them and
 * where is said once, not under every quote.
 *
 * Stories and speakers come in the order of their best passage, and each passage keeps its
 * number in the answer, so the order of relevance survives the grouping.
 */
import type { ArticleMeta, Story } from '../model.ts';
import type { QuotedPassage } from '../search/quote.ts';

export interface NumberedPassage {
  /** 1-based place in the answer. */
  n: number;
  quote: QuotedPassage;
}

export interface SpeakerGroup {
  /** Null: the reporter's own sentences. */
  speaker: QuotedPassage['speaker'];
  passages: NumberedPassage[];
}

export interface StoryGroup {
  article: ArticleMeta;
  story: Story | null;
  speakers: SpeakerGroup[];
}

export function groupPassages(passages: NumberedPassage[]): StoryGroup[] {
  const stories = new Map<string, StoryGroup>();
  for (const item of passages) {
    const q = item.quote;
    const key = `${q.article.id}\n${q.story?.id ?? ''}`;
    let story = stories.get(key);
    if (!story) {
      story = { article: q.article, story: q.story, speakers: [] };
      stories.set(key, story);
    }
    const name = q.speaker?.name ?? null;
    let group = story.speakers.find((g) => (g.speaker?.name ?? null) === name);
    if (!group) {
      group = { speaker: q.speaker, passages: [] };
      story.speakers.push(group);
    }
    group.passages.push(item);
  }
  return [...stories.values()];
}

export const numbered = (passages: QuotedPassage[], from = 1): NumberedPassage[] => passages.map((quote, i) => ({ n: from + i, quote }));

/** The source line's parts: the paper and date, then the story's headline (or the article's title). */
export function sourceParts(group: Pick<StoryGroup, 'article' | 'story'>): { source: string; headline: string | null; url: string | null } {
  const { article, story } = group;
  return {
    source: [article.source, article.date].filter(Boolean).join(' · '),
    headline: story?.headline ?? (article.title || null),
    url: article.url && /^https?:\/\//i.test(article.url) ? article.url : null,
  };
}
