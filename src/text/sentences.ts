/**
 * Sentence spans of a paragraph. Chinese sentences end at 。！？ (with any closing quote after);
 * English ones at . ! ? followed by a space and a capital or an opening quote, except after a
 * title or an initial. Spans cover the text exactly, so each sentence is a verbatim substring.
 */

export interface Span {
  start: number;
  end: number;
}

const CJK_END = /[。！？!?]+[」』”’"）)]*/gu;
const LATIN_END = /[.!?]+["”’')]*(?=\s+["“‘(]?[A-Z0-9])/g;
const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|No|Inc|Ltd|Co|Corp|Gov|Sen|Rep|Gen|Capt|U\.S|U\.K|e\.g|i\.e|vs|[A-Z])$/;
// Jan. 16, 2025: a month's abbreviation before the day ends no sentence.
const MONTH_ABBREVIATION = /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/;

export function sentenceSpans(text: string): Span[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(CJK_END)) cuts.push(m.index + m[0].length);
  for (const m of text.matchAll(LATIN_END)) {
    if (m[0].startsWith('.') && ABBREVIATION.test(text.slice(0, m.index))) continue;
    if (m[0] === '.' && MONTH_ABBREVIATION.test(text.slice(0, m.index)) && /^\s+\d/.test(text.slice(m.index + 1))) continue;
    cuts.push(m.index + m[0].length);
  }
  cuts.sort((a, b) => a - b);
  const spans: Span[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut <= start) continue;
    spans.push(trimSpan(text, start, cut));
    start = cut;
  }
  if (start < text.length) spans.push(trimSpan(text, start, text.length));
  return spans.filter((s) => s.end > s.start);
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
