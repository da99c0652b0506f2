/**
 * A page holds several reports. A story opens at a byline (with the headlines just above it) —
 * a paragraph's or a credit line's right under headlines (By …, 本报记者 …) — or at a run of
 * two or more headlines (headline and subtitle), or a headline and a dateline, once the current
 * story has body text. A single headline inside a story is a subhead, unless the story has no
 * headline yet — some pages put the headline under the lead paragraph. A footer (完, Ends, NNNN)
 * ends its story: whatever follows is another one. A credit names the story's reporters or
 * photographers and is not kept among its blocks.
 */
import type { RepairedBlock } from './layout.ts';

export interface StoryDraft {
  index: number;
  headlines: string[];
  reporters: string[];
  photographers: string[];
  blocks: { block: RepairedBlock; role: 'headline' | 'subhead' | 'other' }[];
  hasBody: boolean;
  /** Set at the story's footer: nothing more belongs to it. */
  closed: boolean;
}

export function groupStories(blocks: RepairedBlock[]): StoryDraft[] {
  const stories: StoryDraft[] = [];
  // The story being read is always the last one opened, until its footer closes it.
  const last = (): StoryDraft | null => stories[stories.length - 1] ?? null;
  const current = (): StoryDraft | null => {
    const story = last();
    return story && !story.closed ? story : null;
  };
  // Headlines (and captions among them) waiting to learn whether they open a story.
  let pending: RepairedBlock[] = [];

  const open = (): StoryDraft => {
    const story: StoryDraft = { index: stories.length, headlines: [], reporters: [], photographers: [], blocks: [], hasBody: false, closed: false };
    stories.push(story);
    return story;
  };
  const place = (story: StoryDraft, block: RepairedBlock, role: 'headline' | 'subhead' | 'other') => {
    for (const r of block.reporters ?? []) if (!story.reporters.includes(r)) story.reporters.push(r);
    for (const p of block.photographers ?? []) if (!story.photographers.includes(p)) story.photographers.push(p);
    if (block.kind === 'credit') return;
    story.blocks.push({ block, role });
    if (role === 'headline') story.headlines.push(block.text);
  };
  const placeRun = (story: StoryDraft, run: RepairedBlock[], asHeadlines: boolean) => {
    for (const b of run) {
      if (b.kind !== 'headline') place(story, b, 'other');
      else if (asHeadlines && story.headlines.length === 0) place(story, b, 'headline');
      else if (asHeadlines && story.blocks.every((x) => x.role !== 'other' || x.block.kind === 'caption' || x.block.kind === 'dateline')) place(story, b, 'headline');
      else place(story, b, 'subhead');
    }
  };

  // A byline opens a story unless the story just opened (by headlines, a dateline or a credit
  // line) is still waiting for its body.
  const storyForByline = (): StoryDraft => {
    const story = current();
    return story && !story.hasBody ? story : open();
  };
  const isByline = (block: RepairedBlock) => (block.kind === 'paragraph' && !!block.byline) || (block.kind === 'credit' && (block.reporters?.length ?? 0) > 0);

  const flushPending = (next: RepairedBlock) => {
    if (pending.length === 0) return;
    const run = pending;
    pending = [];
    const headlineCount = run.filter((b) => b.kind === 'headline').length;
    const dated = run.some((b) => b.kind === 'dateline');
    if (isByline(next)) {
      // Only the headlines (and dateline) after the last caption belong to the new story; the
      // ones before it are the old story's photo titles.
      let cut = run.length;
      while (cut > 0 && (run[cut - 1]!.kind === 'headline' || run[cut - 1]!.kind === 'dateline')) cut--;
      const previous = current();
      if (cut > 0 && cut < run.length && previous) placeRun(previous, run.slice(0, cut), false);
      const story = storyForByline();
      placeRun(story, cut < run.length ? run.slice(cut) : run, true);
      return;
    }
    const story = current();
    if (!story) placeRun(open(), run, true);
    else if (story.headlines.length === 0) placeRun(story, run, true);
    else if ((headlineCount >= 2 || dated) && story.hasBody) placeRun(open(), run, true);
    else placeRun(story, run, false);
  };

  for (const block of blocks) {
    if (block.kind === 'headline' && !block.tableTitle) {
      pending.push(block);
      continue;
    }
    // Captions, their photo credits and a dateline under a headline wait with it.
    const photoCredit = block.kind === 'credit' && !isByline(block);
    if ((block.kind === 'caption' || block.kind === 'dateline' || photoCredit) && pending.length > 0) {
      pending.push(block);
      continue;
    }
    flushPending(block);
    if (block.kind === 'footer') {
      // 完 / 2025年1月16日（星期四） / 香港時間12時30分: every line of it closes the same story.
      const story = last();
      if (!story) continue;
      place(story, block, 'other');
      story.closed = true;
      continue;
    }
    if (block.kind === 'paragraph' && block.byline) {
      const story = storyForByline();
      for (const r of block.byline.reporters) if (!story.reporters.includes(r)) story.reporters.push(r);
      place(story, block, 'other');
      story.hasBody = true;
      continue;
    }
    const story = current() ?? open();
    place(story, block, 'other');
    if (block.kind === 'paragraph') story.hasBody = true;
  }
  if (pending.length > 0) {
    const story = current() ?? open();
    placeRun(story, pending, story.headlines.length === 0);
  }
  return stories;
}
