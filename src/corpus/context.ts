/**
 * A passage in its report: the paragraph that holds it, the paragraph before it and the one after
 * it, as the page prints them. A passage is one sentence of a body paragraph (or a headline, a
 * caption, a list item); its context is the report's running text around it, so only body
 * paragraphs count: headlines, subheads, photo captions and tables stand beside the text, and a
 * byline was never part of a passage. Neighbours come from the passage's own story: the story
 * before on the same page is another report.
 *
 * Every paragraph is its passages joined with what the page printed between them
 * (Passage.spaceBefore), so the text is verbatim; a paragraph the print layout broke in two is
 * joined as its passages are (ingest/layout.ts).
 */
import type { Article, Passage } from '../model.ts';

export interface ReportParagraph {
  /** Verbatim: the paragraph as printed (halves broken by the layout joined). */
  text: string;
  /** 1-based line of the page where the paragraph starts. */
  line: number;
  /** The page cut the paragraph off mid-sentence. */
  truncated?: true;
}

export interface PassageContext {
  /** The paragraph holding the passage. */
  paragraph: ReportParagraph;
  /** Where the passage stands in `paragraph.text`: [start, end). */
  span: [start: number, end: number];
  /** The paragraph before in the same story; null when the passage's paragraph opens the story. */
  before: ReportParagraph | null;
  /** The paragraph after in the same story; null when the passage's paragraph ends the story. */
  after: ReportParagraph | null;
}

/** Whether a passage stands in the report's running text, so that it has paragraphs around it. */
export function hasContext(passage: Passage): boolean {
  return passage.kind === 'body';
}

interface Built {
  paragraph: ReportParagraph;
  /** Passage ids with their offset in the paragraph's text. */
  spans: Map<string, [number, number]>;
}

/** The body paragraphs of one story, in the order of the page. */
function storyParagraphs(article: Article, storyId: string): { paragraphs: Built[]; index: Map<number, number> } {
  const paragraphs: Built[] = [];
  const index = new Map<number, number>();
  let current: Built | null = null;
  let currentNumber = -1;
  for (const p of article.passages) {
    if (p.storyId !== storyId || !hasContext(p)) continue;
    if (!current || p.paragraph !== currentNumber) {
      current = { paragraph: { text: '', line: p.line }, spans: new Map() };
      currentNumber = p.paragraph;
      index.set(p.paragraph, paragraphs.length);
      paragraphs.push(current);
    }
    const start = current.paragraph.text.length + (current.paragraph.text ? (p.spaceBefore?.length ?? 0) : 0);
    current.paragraph.text += (current.paragraph.text ? (p.spaceBefore ?? '') : '') + p.text;
    current.spans.set(p.id, [start, start + p.text.length]);
    if (p.truncated) current.paragraph.truncated = true;
  }
  return { paragraphs, index };
}

/** The passage with the paragraphs around it, or null when it is not part of the running text. */
export function passageContext(article: Article, passage: Passage): PassageContext | null {
  if (passage.articleId !== article.meta.id || !hasContext(passage)) return null;
  const { paragraphs, index } = storyParagraphs(article, passage.storyId);
  const at = index.get(passage.paragraph);
  const own = at === undefined ? undefined : paragraphs[at];
  const span = own?.spans.get(passage.id);
  if (at === undefined || !own || !span) return null;
  return { paragraph: own.paragraph, span, before: paragraphs[at - 1]?.paragraph ?? null, after: paragraphs[at + 1]?.paragraph ?? null };
}
