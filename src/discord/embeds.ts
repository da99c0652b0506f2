/**
 * A reply as Discord messages: one embed per page, passages as fields (the quote, matched words
 * in bold, then its attribution), every limit of Discord's held for any corpus and any query.
 * Corpus and user text is escaped for markdown; quotes too long for a field are cut at a
 * character boundary with an ellipsis — the only change a rendering may make to a quote.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import type { QuotedPassage } from '../search/quote.ts';
import { LIMITS, cut, splitGraphemes } from './limits.ts';

/** Passages per page: a page stays readable on a phone. */
export const PASSAGES_PER_PAGE = 4;
const OTHER_ITEMS_PER_PAGE = 10;
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

function speakerLabel(q: QuotedPassage, locale: Locale): string {
  if (!q.speaker) return t(locale, 'label.narrative');
  return q.speaker.role ? `${q.speaker.name}（${q.speaker.role}）` : q.speaker.name;
}

export function passageField(q: QuotedPassage, n: number, locale: Locale): APIEmbedField {
  const figure = q.figure ? ` · ${t(locale, 'label.figure')} ${q.figure.text}` : '';
  const name = escapedCut(`${n}. ${speakerLabel(q, locale)}${figure}`, LIMITS.fieldName);
  const source = [`${q.article.source} ${q.article.date ?? ''}`.trim(), q.story?.headline ?? null].filter(Boolean).join(' · ');
  const attribution = `\n${escapedCut(source, 300)} · \`${q.passage.id.replace(/`/g, "'")}\``;
  const quote = quoteMarkdown(q, LIMITS.fieldValue - attribution.length - 2);
  return { name, value: `「${quote}」${attribution}` };
}

/** The reply cut into pages of one embed each. */
export function renderPages(reply: Reply, locale: Locale, tookMs: number): APIEmbed[] {
  const title = escapedCut(reply.title, LIMITS.title);
  const intro = [reply.error?.message, reply.summary, reply.notice ? `⚠ ${reply.notice}` : undefined].filter((x): x is string => Boolean(x));
  const description = intro.length ? escapedCut(intro.join('\n\n'), 2000) : undefined;

  const items: APIEmbedField[] = [
    ...reply.passages.map((q, i) => passageField(q, i + 1, locale)),
    ...(reply.speakers ?? []).map((s) => ({
      name: escapedCut(s.name, LIMITS.fieldName),
      value: escapedCut(`${s.roles.join('、') || '—'}\n${t(locale, 'label.passages', { count: s.passages })}`, LIMITS.fieldValue),
    })),
    ...(reply.facts ?? []).map((f) => ({ name: escapedCut(f.label, LIMITS.fieldName), value: escapedCut(f.value || '—', LIMITS.fieldValue) })),
  ];
  const perPage = reply.passages.length > 0 ? PASSAGES_PER_PAGE : OTHER_ITEMS_PER_PAGE;

  const pages: APIEmbedField[][] = [];
  let page: APIEmbedField[] = [];
  let size = title.length + (description?.length ?? 0);
  for (const field of items) {
    const fieldSize = field.name.length + field.value.length;
    if (page.length > 0 && (page.length >= perPage || size + fieldSize > PAGE_BUDGET || page.length >= LIMITS.fields)) {
      pages.push(page);
      page = [];
      size = title.length + (description?.length ?? 0);
    }
    page.push(field);
    size += fieldSize;
  }
  pages.push(page);

  const count = reply.passages.length || reply.speakers?.length || reply.facts?.length || 0;
  const results = count === 1 ? t(locale, 'label.result') : t(locale, 'label.results', { count });
  return pages.map((fields, i) => {
    const footer = [results, t(locale, 'label.took', { ms: tookMs })];
    if (pages.length > 1) footer.push(t(locale, 'label.page', { page: i + 1, pages: pages.length }));
    const embed: APIEmbed = {
      title,
      color: reply.ok ? COLOR : ERROR_COLOR,
      ...(description ? { description } : {}),
      ...(fields.length ? { fields } : {}),
      footer: { text: cut(footer.join(' · '), LIMITS.footer) },
    };
    return embed;
  });
}
