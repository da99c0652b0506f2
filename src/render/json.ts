/** The console's --json rendering: one object per command, stable for scripts and tests. */
import type { Figure } from '../model.ts';
import type { Reply } from '../reply.ts';

const figureJson = (f: Figure) => ({ text: f.text, value: f.value, unit: f.unit, qualifier: f.qualifier, measure: f.measure, ...(f.currency ? { currency: f.currency } : {}) });

export function renderJson(reply: Reply): string {
  return JSON.stringify({
    command: reply.command,
    ok: reply.ok,
    ...(reply.error ? { error: reply.error } : {}),
    title: reply.title,
    ...(reply.summary ? { summary: reply.summary } : {}),
    ...(reply.notice ? { notice: reply.notice } : {}),
    passages: reply.passages.map((q) => ({
      id: q.passage.id,
      text: q.passage.text,
      speaker: q.speaker,
      article: { id: q.article.id, title: q.article.title, source: q.article.source, date: q.article.date },
      ...(q.story ? { story: { id: q.story.id, headline: q.story.headline, reporters: q.story.reporters } } : {}),
      // `figure` is the first of `figures`, kept for scripts written before a passage could carry several.
      ...(q.figures?.length ? { figure: figureJson(q.figures[0]!), figures: q.figures.map(figureJson) } : {}),
      ...(q.highlights.length ? { highlights: q.highlights } : {}),
    })),
    // The passage's paragraph (span: where the passage stands in its text) and those around it.
    ...(reply.context ? { context: reply.context } : {}),
    ...(reply.speakers ? { speakers: reply.speakers } : {}),
    ...(reply.facts ? { facts: reply.facts } : {}),
    ...(reply.confirm ? { confirm: { action: reply.confirm.action, expiresAt: reply.confirm.expiresAt } } : {}),
  });
}
