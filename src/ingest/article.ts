/**
 * Ingest one raw page: blocks, layout repair, stories, then sentence by sentence the passages
 * with their speakers, the lists with their source, and the figures.
 */
import type { Article, ArticleMeta, Attribution, Figure, Passage, PassageKind, Speaker, Story, TrendList, Warning } from '../model.ts';
import { fold, hanShare } from '../text/fold.ts';
import { sentenceSpans } from '../text/sentences.ts';
import {
  PersonRegistry,
  attributeChinese,
  attributeEnglish,
  discoverPeople,
  discoverPeopleEnglish,
  headlineQuote,
  type SentenceAttribution,
} from './attribution.ts';
import { parseBlocks } from './blocks.ts';
import { findFigures } from './figures.ts';
import { repairLayout } from './layout.ts';
import { groupStories } from './stories.ts';

// A sentence pointing at a table: （見表）, （見附表）, (see table).
const QUOTATION = /^[「『“"][^]*[」』”"]$/u;
const SEE_TABLE = /[（(]\s*(?:見|见|詳見|详见)?(?:附)?表\s*[）)]|\(see (?:table|chart|box)\)/iu;

export function ingestArticle(source: string, meta: ArticleMeta): Article {
  const blocks = repairLayout(parseBlocks(source));
  const drafts = groupStories(blocks);
  const english = hanShare(source) < 0.3;
  const warnings: Warning[] = [];

  const excluded = new Set<string>();
  for (const d of drafts) for (const n of [...d.reporters, ...d.photographers]) excluded.add(fold(n));
  const registry = new PersonRegistry(excluded);

  const stories: Story[] = drafts.map((d) => ({
    id: `${meta.id}/s${d.index + 1}`,
    articleId: meta.id,
    headline: d.headlines[0] ?? null,
    headlines: d.headlines,
    reporters: d.reporters,
    photographers: d.photographers,
  }));

  // Pass one: learn who is who from titled introductions anywhere on the page, so a name used
  // bare before its introduction (陳茂波又指 … 財政司司長陳茂波) is still recognised.
  for (const d of drafts)
    for (const { block } of d.blocks)
      for (const span of sentenceSpans(block.text)) {
        const sentence = block.text.slice(span.start, span.end);
        if (english) discoverPeopleEnglish(sentence, registry);
        else discoverPeople(sentence, registry);
      }

  const passages: Passage[] = [];
  const lists: TrendList[] = [];
  const figures: Figure[] = [];
  const listSources: { passageIndex: number; speaker: string | null }[] = [];
  let paragraph = 0;

  const push = (p: Omit<Passage, 'id' | 'articleId'>) => {
    const passage: Passage = { id: `${meta.id}#${passages.length + 1}`, articleId: meta.id, ...p };
    passages.push(passage);
    return passage;
  };

  for (const [s, draft] of drafts.entries()) {
    const story = stories[s]!;
    let lastSpeaker: string | null = null;
    let currentList: TrendList | null = null;
    const headlinePassages: Passage[] = [];
    for (const { block, role } of draft.blocks) {
      if (block.kind === 'footer' || block.kind === 'dateline') continue;
      paragraph++;
      if (block.kind !== 'list-item') currentList = null;
      if (block.kind === 'headline') {
        const kind: PassageKind = block.tableTitle ? 'table-title' : role === 'headline' ? 'headline' : 'subhead';
        const passage = push({ storyId: story.id, kind, paragraph, text: block.text, line: block.line, attribution: null });
        if (block.tableTitle) {
          currentList = { id: `${meta.id}/l${lists.length + 1}`, articleId: meta.id, storyId: story.id, title: block.text, items: [], source: null };
          lists.push(currentList);
          passage.listId = currentList.id;
        } else headlinePassages.push(passage);
        addFigures(passage);
        continue;
      }
      if (block.kind === 'list-item') {
        if (!currentList) {
          currentList = { id: `${meta.id}/l${lists.length + 1}`, articleId: meta.id, storyId: story.id, title: null, items: [], source: null };
          lists.push(currentList);
        }
        const passage = push({ storyId: story.id, kind: 'list-item', paragraph, text: block.text, line: block.line, attribution: null, listId: currentList.id });
        currentList.items.push(passage.id);
        addFigures(passage);
        continue;
      }
      const kind: PassageKind = block.kind === 'caption' ? 'caption' : 'body';
      // A caption speaks for itself; it does not continue or set the story's current speaker.
      let paragraphSpeaker: SentenceAttribution | null = null;
      const spans = sentenceSpans(block.text);
      spans.forEach((span, i) => {
        const text = block.text.slice(span.start, span.end);
        const found = english
          ? attributeEnglish(text, registry, kind === 'caption' ? null : lastSpeaker)
          : attributeChinese(text, registry, kind === 'caption' ? null : lastSpeaker);
        let attribution: Attribution | null = null;
        if (found) {
          attribution = { speaker: found.speaker, cue: found.cue, kind: found.kind === 'headline' ? 'headline' : found.kind };
          paragraphSpeaker = found;
          if (kind === 'body') lastSpeaker = found.speaker;
        } else if (paragraphSpeaker) {
          attribution = { speaker: paragraphSpeaker.speaker, cue: paragraphSpeaker.cue, kind: 'continued' };
        }
        const passage = push({ storyId: story.id, kind, paragraph, text, line: block.line, attribution });
        // A quotation standing alone takes the speaker named just after it: “…。”周志遠說。
        const previous = passages[passages.length - 2];
        if (found && found.kind !== 'headline' && i > 0 && previous && !previous.attribution && QUOTATION.test(previous.text)) {
          previous.attribution = { speaker: found.speaker, cue: found.cue, kind: found.kind };
        }
        if (block.truncated && i === spans.length - 1) {
          passage.truncated = true;
          warnings.push({ file: meta.file, line: block.line, message: `paragraph cut off at the end: …${text.slice(-16)}` });
        }
        if (SEE_TABLE.test(text)) listSources.push({ passageIndex: passages.length - 1, speaker: attribution?.speaker ?? null });
        addFigures(passage);
      });
    }
    // Headline quotes: NAME：… is that person; a role word (專家：…) the story's first speaker.
    const firstSpeaker = passages.find((p) => p.storyId === story.id && p.attribution?.kind === 'intro')?.attribution?.speaker ?? null;
    for (const h of headlinePassages) {
      const quote = headlineQuote(h.text, registry);
      if (!quote) continue;
      const speaker = quote.name ? registry.add(quote.name, null) : firstSpeaker;
      if (speaker) h.attribution = { speaker, cue: h.text.slice(quote.label.length, quote.label.length + 1), kind: 'headline' };
    }
  }

  // Lists take their source from the sentence that points at them, nearest first.
  for (const list of lists) {
    const firstItem = passages.findIndex((p) => p.id === list.items[0]);
    const ref = [...listSources].sort((a, b) => Math.abs(a.passageIndex - firstItem) - Math.abs(b.passageIndex - firstItem))[0];
    if (ref?.speaker) {
      list.source = ref.speaker;
      for (const p of passages) if (p.listId === list.id) p.attribution = { speaker: ref.speaker, cue: '見表', kind: 'list' };
      listSources.splice(listSources.indexOf(ref), 1);
    } else {
      warnings.push({ file: meta.file, line: passages[firstItem]?.line, message: `list "${list.title ?? list.id}" has no source: no sentence refers to it (見表)` });
    }
  }

  function addFigures(passage: Passage) {
    for (const f of findFigures(passage.text)) {
      figures.push({ id: `${passage.id}.f${figures.filter((x) => x.passageId === passage.id).length + 1}`, passageId: passage.id, ...f });
    }
  }

  const speakers: Speaker[] = [];
  const quoted = new Set(passages.map((p) => p.attribution?.speaker).filter((s): s is string => !!s));
  for (const person of registry.people.values()) {
    if (quoted.has(person.name)) speakers.push({ name: person.name, roles: person.roles, aliases: [] });
  }

  return { meta, stories, passages, speakers, lists, figures, warnings };
}
