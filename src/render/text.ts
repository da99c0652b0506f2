/** Console text rendering of a reply: the quotes whole, grouped under their source and speaker. */
import type { PassageContext, ReportParagraph } from '../corpus/context.ts';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import type { QuotedPassage } from '../search/quote.ts';
import { groupPassages, numbered, sourceParts, type StoryGroup, type SpeakerGroup } from './layout.ts';

export interface TextStyle {
  /** Bold the matched terms with ANSI codes (a terminal); plain text otherwise. */
  color: boolean;
}

function emphasise(q: QuotedPassage, style: TextStyle): string {
  const text = q.passage.text;
  if (!style.color || q.highlights.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of [...q.highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out += `${text.slice(at, start)}\x1b[1m${text.slice(start, end)}\x1b[22m`;
    at = end;
  }
  return out + text.slice(at);
}

function speakerLine(group: SpeakerGroup, locale: Locale): string {
  if (!group.speaker) return t(locale, 'label.narrative');
  return group.speaker.role ? `${group.speaker.name} · ${group.speaker.role}` : group.speaker.name;
}

function sourceLine(group: Pick<StoryGroup, 'article' | 'story'>): string {
  const { source, headline, url } = sourceParts(group);
  return [source, headline, url ? `<${url}>` : null].filter(Boolean).join(' · ');
}

/**
 * A passage's paragraphs under it, each whole: the one before, the passage's own (marked ▶, the
 * passage in bold on a terminal), the one after.
 */
function contextLines(context: PassageContext, locale: Locale, style: TextStyle): string[] {
  const cutMark = (p: ReportParagraph) => (p.truncated ? ` ⋯ (${t(locale, 'label.cut.source')})` : '');
  const [start, end] = context.span;
  const text = context.paragraph.text;
  const own = style.color ? `${text.slice(0, start)}\x1b[1m${text.slice(start, end)}\x1b[22m${text.slice(end)}` : text;
  return [
    '',
    context.before ? `    ${context.before.text}${cutMark(context.before)}` : `    (${t(locale, 'label.story.start')})`,
    '',
    `  ▶ ${own}${cutMark(context.paragraph)}`,
    '',
    context.after ? `    ${context.after.text}${cutMark(context.after)}` : `    (${t(locale, 'label.story.end')})`,
  ];
}

/**
 * The passages laid out as in Discord (render/layout.ts): each article's source line once, each
 * speaker once, the quotes under them numbered in the order of the answer.
 */
export function renderText(reply: Reply, locale: Locale, style: TextStyle): string {
  const lines: string[] = [`== ${reply.title} ==`];
  if (reply.error) lines.push(`✗ ${reply.error.message}`);
  if (reply.summary) lines.push(reply.summary);
  if (reply.notice) lines.push(`! ${reply.notice}`);
  // A passage in context: its source and speaker, then the paragraphs, the passage's marked.
  const listed = reply.context ? [] : reply.passages;
  if (reply.context && reply.passages[0]) {
    const q = reply.passages[0];
    const speaker = q.speaker ? speakerLine({ speaker: q.speaker, passages: [] }, locale) : t(locale, 'label.narrative');
    lines.push('', sourceLine({ article: q.article, story: q.story }), `  ${t(locale, 'label.context.marked')} ${speaker}`);
  }
  for (const article of groupPassages(numbered(listed))) {
    lines.push('', sourceLine(article));
    for (const group of article.speakers) {
      lines.push(`  ${speakerLine(group, locale)}`);
      for (const item of group.passages) {
        const q = item.quote;
        const figures = q.figures?.length ? `[${q.figures.map((f) => f.text).join(' · ')}] ` : '';
        const cutMark = q.passage.truncated ? ` ⋯ (${t(locale, 'label.cut.source')})` : '';
        lines.push(`  ${String(item.n).padStart(2)}. ${figures}${emphasise(q, style)}${cutMark}`);
      }
    }
  }
  if (reply.context) lines.push(...contextLines(reply.context, locale, style));
  for (const s of reply.speakers ?? []) lines.push(`  ${s.name} — ${s.roles.join('、') || '—'} (${t(locale, 'label.passages', { count: s.passages })})`);
  for (const f of reply.facts ?? []) lines.push(`  ${f.label}`, ...f.value.split('\n').map((v) => `      ${v}`));
  return `${lines.join('\n')}\n`;
}
