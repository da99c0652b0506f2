/**
 * A reply as Discord messages: one embed per page, laid out for a reader scanning on a phone
 * (see render/layout.ts): each article's source line once, linked to the report when its address
 * is known; each speaker once over their passages; the passages as block quotes, verbatim, the
 * matched words in bold, numbered in the order of the answer. Passage ids and timings are not
 * shown (the logs and /corpus show have them). A page holds what fits, not a fixed count.
 *
 * Every limit of Discord's is held for any corpus and any query. Corpus and user text is escaped
 * for markdown; a quote too long for a page is cut at a character boundary with an ellipsis —
 * the only change a rendering may make to a quote. A passage the source page itself cut off
 * ends with a visible mark saying so.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { hasContext, type ReportParagraph } from '../corpus/context.ts';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import type { QuotedPassage } from '../search/quote.ts';
import { groupPassages, numbered, sourceParts, type StoryGroup, type NumberedPassage, type SpeakerGroup } from '../render/layout.ts';
import { LIMITS, cut, splitGraphemes } from './limits.ts';

/** Speakers or facts per page (their replies have fields, not quotes). */
const OTHER_ITEMS_PER_PAGE = 10;
/** Room for the passages in a page's description (4,096), after the reply's intro. */
const BODY_BUDGET = 3800;
/** A single quote's share of a page, at most: a page always shows its start and its speaker. */
const QUOTE_MAX = 1800;
// Room kept for the footer and the page counter in the 6,000 characters of a message's embeds.
const PAGE_BUDGET = LIMITS.embedTotal - 300;
const COLOR = 0x2b6cb0;
const ERROR_COLOR = 0xc53030;

// Emphasis, code, spoilers, quotes, links and mention or timestamp syntax (<@id>, <t:…>)
// anywhere; headings and lists only where a line starts.
const MARKDOWN = /[\\*_~`|<>[\]]|^[#>-]|(?<=\n)[#>-]/g;
/** Escapes Discord markdown (and mention syntax) so text shows exactly as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, (ch) => `\\${ch}`);
}

/** Escaped text cut to `max` characters of output, at a grapheme boundary. */
export function escapedCut(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const g of splitGraphemes(text)) {
    const e = escapeMarkdown(g);
    if (out.length + e.length > max - 1) break;
    out += e;
  }
  return `${out}…`;
}

/** Escaped text cut to `max` characters of output from its start, keeping its end. */
function escapedTail(text: string, max: number): string {
  const escaped = escapeMarkdown(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const g of splitGraphemes(text).reverse()) {
    const e = escapeMarkdown(g);
    if (out.length + e.length > max - 1) break;
    out = e + out;
  }
  return `…${out}`;
}

/** The quote with its matched spans in bold, escaped, within `max` characters. */
export function quoteMarkdown(q: QuotedPassage, max: number): string {
  const text = q.passage.text;
  const bold = new Array<boolean>(text.length).fill(false);
  for (const [s, e] of q.highlights) for (let i = Math.max(0, s); i < Math.min(e, text.length); i++) bold[i] = true;
  let out = '';
  let at = 0;
  let open = false;
  for (const g of splitGraphemes(text)) {
    const wantBold = bold[at] ?? false;
    let piece = '';
    if (wantBold !== open) piece += '**';
    piece += escapeMarkdown(g);
    const closing = wantBold ? 2 : 0;
    if (out.length + piece.length + closing > max - 1) {
      return `${out}${open ? '**' : ''}…`;
    }
    out += piece;
    open = wantBold;
    at += g.length;
  }
  return out + (open ? '**' : '');
}

/** A link target Discord's markdown accepts as written: http(s) only, no spaces or brackets. */
function linkTarget(url: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  // encodeURIComponent leaves brackets as they are; markdown would end the link at ")".
  return url.replace(/[()<>[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sourceLine(group: Pick<StoryGroup, 'article' | 'story'>): string {
  const { source, headline, url } = sourceParts(group);
  const target = url ? linkTarget(url) : null;
  const title = headline ? escapedCut(headline, 200) : null;
  const linked = title && target ? `[${title}](${target})` : title;
  return [source ? escapedCut(source, 120) : null, linked].filter(Boolean).join(' · ');
}

function speakerLine(group: SpeakerGroup, locale: Locale): string {
  if (!group.speaker) return `**${t(locale, 'label.narrative')}**`;
  const role = group.speaker.role ? ` · ${escapedCut(group.speaker.role, 300)}` : '';
  return `**${escapedCut(group.speaker.name, 100)}**${role}`;
}

function passageLines(item: NumberedPassage, locale: Locale): string {
  const q = item.quote;
  const figures = (q.figures ?? []).map((f) => `\`${f.text.replace(/`/g, "'")}\``).join(' ');
  // Every line break (however the page wrote it) stays inside the block quote.
  const text = quoteMarkdown(q, QUOTE_MAX).replace(/\r\n?|[\n\u2028\u2029]/g, '\n> ');
  const cutMark = q.passage.truncated ? ` ⋯ *${t(locale, 'label.cut.source')}*` : '';
  return `> **${item.n}.** ${figures ? `${figures} ` : ''}${text}${cutMark}`;
}

/** Each passage's lines, rendered once: fitting a page tries it with every passage added. */
type QuoteLines = Map<NumberedPassage, string>;

/** The passages of one page, grouped by article and speaker. */
function pageBody(items: NumberedPassage[], locale: Locale, rendered: QuoteLines = new Map()): string {
  const lines = (p: NumberedPassage) => {
    let text = rendered.get(p);
    if (text === undefined) {
      text = passageLines(p, locale);
      rendered.set(p, text);
    }
    return text;
  };
  return groupPassages(items)
    .map((story) => `*${sourceLine(story)}*\n${story.speakers.map((g) => [speakerLine(g, locale), ...g.passages.map(lines)].join('\n')).join('\n\n')}`)
    .join('\n\n');
}

function introOf(reply: Reply): string | undefined {
  const intro = [reply.error?.message, reply.summary, reply.notice ? `⚠ ${reply.notice}` : undefined].filter((x): x is string => Boolean(x));
  return intro.length ? escapedCut(intro.join('\n\n'), 1000) : undefined;
}

/**
 * The reply's passages as pages: as many as fit in a page's description, in the order of the
 * answer. The page buttons and the Context control list the same passages.
 */
export function passagePages(reply: Reply, locale: Locale, rendered: QuoteLines = new Map()): NumberedPassage[][] {
  const budget = Math.min(BODY_BUDGET, LIMITS.description - (introOf(reply)?.length ?? 0) - 2);
  const pages: NumberedPassage[][] = [];
  let page: NumberedPassage[] = [];
  for (const item of numbered(reply.passages)) {
    const next = [...page, item];
    if (page.length > 0 && pageBody(next, locale, rendered).length > budget) {
      pages.push(page);
      page = [item];
    } else page = next;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** A reply's pages, and for each whether it shows a passage that has paragraphs around it. */
export interface RenderedReply {
  embeds: APIEmbed[];
  /** Per page: a passage of it stands in a report's running text (it gets a Context button). */
  context: boolean[];
}

/** The reply cut into pages of one embed each, with which pages can offer a passage's context. */
export function renderReply(reply: Reply, locale: Locale): RenderedReply {
  if (reply.context && reply.passages.length === 1) return { embeds: [contextEmbed(reply, locale)], context: [false] };
  if (reply.passages.length > 0) {
    const rendered: QuoteLines = new Map();
    const pages = passagePages(reply, locale, rendered);
    return { embeds: passageEmbeds(reply, pages, locale, rendered), context: pages.map((items) => items.some((item) => hasContext(item.quote.passage))) };
  }
  const embeds = otherEmbeds(reply, locale);
  return { embeds, context: embeds.map(() => false) };
}

/** The reply cut into pages of one embed each. */
export function renderPages(reply: Reply, locale: Locale): APIEmbed[] {
  return renderReply(reply, locale).embeds;
}

function footerOf(reply: Reply, locale: Locale, i: number, pages: number): string {
  const count = reply.passages.length || reply.speakers?.length || reply.facts?.length || 0;
  return cut([t(locale, 'label.results', { count }), ...(pages > 1 ? [t(locale, 'label.page', { page: i + 1, pages })] : [])].join(' · '), LIMITS.footer);
}

function passageEmbeds(reply: Reply, pages: NumberedPassage[][], locale: Locale, rendered: QuoteLines): APIEmbed[] {
  const title = escapedCut(reply.title, LIMITS.title);
  const intro = introOf(reply);
  const color = reply.ok ? COLOR : ERROR_COLOR;
  return pages.map((items, i) => {
    const description = [intro, pageBody(items, locale, rendered)].filter(Boolean).join('\n\n');
    // The title links to the report when every passage of the page comes from the one report.
    const urls = new Set(items.map((p) => (p.quote.article.url ? linkTarget(p.quote.article.url) : null)));
    const url = urls.size === 1 ? [...urls][0] : null;
    return { title, ...(url ? { url } : {}), color, description: cut(description, LIMITS.description), footer: { text: footerOf(reply, locale, i, pages.length) } };
  });
}

// The paragraphs around a passage share what a description holds after the source and speaker
// lines; the passage's own paragraph comes first, and never takes more than this.
const CONTEXT_BUDGET = 3700;
const OWN_PARAGRAPH_MAX = 2000;

/** The passage's paragraph, escaped, the passage in bold; cut around the passage when too long. */
function markedParagraph(text: string, [start, end]: [number, number], max: number): string {
  const head = text.slice(0, start);
  const passage = text.slice(start, end);
  const tail = text.slice(end);
  const whole = escapeMarkdown(head).length + escapeMarkdown(passage).length + escapeMarkdown(tail).length + 4;
  if (whole <= max) return `${escapeMarkdown(head)}**${escapeMarkdown(passage)}**${escapeMarkdown(tail)}`;
  const bold = escapedCut(passage, max - 4);
  let room = max - bold.length - 4;
  const headLength = escapeMarkdown(head).length;
  const tailLength = escapeMarkdown(tail).length;
  // What one side does not need, the other may use.
  const headRoom = Math.max(Math.floor(room / 2), room - tailLength);
  const before = head && room > 1 ? escapedTail(head, Math.min(headRoom, headLength)) : '';
  room -= before.length;
  const after = tail && room > 1 ? escapedCut(tail, Math.min(room, tailLength)) : '';
  return `${before}**${bold}**${after}`;
}

/** A passage with the paragraphs before and after it in its report: one embed. */
function contextEmbed(reply: Reply, locale: Locale): APIEmbed {
  const q = reply.passages[0]!;
  const context = reply.context!;
  const speaker = speakerLine({ speaker: q.speaker, passages: [] }, locale);
  const header = `*${sourceLine({ article: q.article, story: q.story })}*\n*${t(locale, 'label.context.bold')}* ${speaker}`;
  const cutMark = (p: ReportParagraph) => (p.truncated ? ` ⋯ *${t(locale, 'label.cut.source')}*` : '');
  const quote = (text: string) => `> ${text.replace(/\r\n?|[\n\u2028\u2029]/g, '\n> ')}`;
  let room = CONTEXT_BUDGET - header.length - 120;
  const own = quote(markedParagraph(context.paragraph.text, context.span, Math.min(OWN_PARAGRAPH_MAX, room)) + cutMark(context.paragraph));
  room -= own.length;
  // The paragraph before keeps its end, the one after its start: the words next to the passage.
  const beforeLength = context.before ? escapeMarkdown(context.before.text).length : 0;
  const beforeRoom = Math.max(Math.floor(room / 2), room - (context.after ? escapeMarkdown(context.after.text).length : 0));
  const before = context.before ? quote(escapedTail(context.before.text, Math.min(beforeRoom, beforeLength + 1)) + cutMark(context.before)) : `*(${t(locale, 'label.story.start')})*`;
  room -= before.length;
  const after = context.after ? quote(escapedCut(context.after.text, Math.max(room, 2)) + cutMark(context.after)) : `*(${t(locale, 'label.story.end')})*`;
  return {
    title: escapedCut(reply.title, LIMITS.title),
    ...(q.article.url && linkTarget(q.article.url) ? { url: linkTarget(q.article.url)! } : {}),
    color: COLOR,
    description: cut([header, before, own, after].join('\n\n'), LIMITS.description),
    footer: { text: t(locale, 'label.context.footer') },
  };
}

/** A reply of speakers or facts: fields, a few a page. */
function otherEmbeds(reply: Reply, locale: Locale): APIEmbed[] {
  const title = escapedCut(reply.title, LIMITS.title);
  const intro = introOf(reply);
  const color = reply.ok ? COLOR : ERROR_COLOR;
  const items: APIEmbedField[] = [
    ...(reply.speakers ?? []).map((s) => ({
      name: escapedCut(s.name, LIMITS.fieldName),
      value: escapedCut(`${s.roles.join('、') || '—'}\n${t(locale, 'label.passages', { count: s.passages })}`, LIMITS.fieldValue),
    })),
    ...(reply.facts ?? []).map((f) => ({ name: escapedCut(f.label, LIMITS.fieldName), value: escapedCut(f.value || '—', LIMITS.fieldValue) })),
  ];
  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = title.length + (intro?.length ?? 0);
  for (const field of items) {
    const fieldSize = field.name.length + field.value.length;
    if (page.length > 0 && (page.length >= OTHER_ITEMS_PER_PAGE || size + fieldSize > PAGE_BUDGET || page.length >= LIMITS.fields)) {
      pages.push(page);
      page = [];
      size = title.length + (intro?.length ?? 0);
    }
    page.push(field);
    size += fieldSize;
  }
  pages.push(page);
  return pages.map((fields, i) => ({
    title,
    color,
    ...(intro ? { description: intro } : {}),
    ...(fields.length ? { fields } : {}),
    footer: { text: footerOf(reply, locale, i, pages.length) },
  }));
}
