/** Console text rendering of a reply: the quotes whole, each with its attribution line. */
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import type { QuotedPassage } from '../search/quote.ts';

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
    out += text.slice(at, start) + `\x1b[1m${text.slice(start, end)}\x1b[22m`;
    at = end;
  }
  return out + text.slice(at);
}

export function attributionLine(q: QuotedPassage, locale: Locale): string {
  const who = q.speaker ? (q.speaker.role ? `${q.speaker.name}（${q.speaker.role}）` : q.speaker.name) : t(locale, 'label.narrative');
  const parts = [who, `${q.article.source} ${q.article.date ?? ''}`.trim()];
  if (q.story?.headline) parts.push(q.story.headline);
  parts.push(q.passage.id);
  return `— ${parts.join(' · ')}`;
}

export function renderText(reply: Reply, locale: Locale, style: TextStyle): string {
  const lines: string[] = [`== ${reply.title} ==`];
  if (reply.error) lines.push(`✗ ${reply.error.message}`);
  if (reply.summary) lines.push(reply.summary);
  if (reply.notice) lines.push(`! ${reply.notice}`);
  reply.passages.forEach((q, i) => {
    const figure = q.figure ? `[${q.figure.text}] ` : '';
    lines.push(`${String(i + 1).padStart(2)}. ${figure}「${emphasise(q, style)}」`, `    ${attributionLine(q, locale)}`);
  });
  for (const s of reply.speakers ?? []) lines.push(`  ${s.name} — ${s.roles.join('、') || '—'} (${t(locale, 'label.passages', { count: s.passages })})`);
  for (const f of reply.facts ?? []) lines.push(`  ${f.label}`, ...f.value.split('\n').map((v) => `      ${v}`));
  return `${lines.join('\n')}\n`;
}
