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
function escapedCut(text: string, max: number): string {
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

function sourceLine(group: StoryGroup): string {
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

/** The passages of one page, grouped by article and speaker. */
function pageBody(items: NumberedPassage[], locale: Locale): string {
  return groupPassages(items)
    .map((story) => `*${sourceLine(story)}*\n${story.speakers.map((g) => [speakerLine(g, locale), ...g.passages.map((p) => passageLines(p, locale))].join('\n')).join('\n\n')}`)
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
export function passagePages(reply: Reply, locale: Locale): NumberedPassage[][] {
  const budget = Math.min(BODY_BUDGET, LIMITS.description - (introOf(reply)?.length ?? 0) - 2);
  const pages: NumberedPassage[][] = [];
  let page: NumberedPassage[] = [];
  for (const item of numbered(reply.passages)) {
    const next = [...page, item];
    if (page.length > 0 && pageBody(next, locale).length > budget) {
      pages.push(page);
      page = [item];
    } else page = next;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** The reply cut into pages of one embed each. */
export function renderPages(reply: Reply, locale: Locale): APIEmbed[] {
  const title = escapedCut(reply.title, LIMITS.title);
  const intro = introOf(reply);
  const color = reply.ok ? COLOR : ERROR_COLOR;
  const count = reply.passages.length || reply.speakers?.length || reply.facts?.length || 0;
  const footer = (i: number, pages: number) => cut([t(locale, 'label.results', { count }), ...(pages > 1 ? [t(locale, 'label.page', { page: i + 1, pages })] : [])].join(' · '), LIMITS.footer);

  if (reply.passages.length > 0) {
    const pages = passagePages(reply, locale);
    return pages.map((items, i) => {
      const description = [intro, pageBody(items, locale)].filter(Boolean).join('\n\n');
      // The title links to the report when every passage of the page comes from the one report.
      const urls = new Set(items.map((p) => (p.quote.article.url ? linkTarget(p.quote.article.url) : null)));
      const url = urls.size === 1 ? [...urls][0] : null;
      return { title, ...(url ? { url } : {}), color, description: cut(description, LIMITS.description), footer: { text: footer(i, pages.length) } };
    });
  }

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
    footer: { text: footer(i, pages.length) },
  }));
}
