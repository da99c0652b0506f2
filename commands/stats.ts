import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../src/i18n.ts';
import type { Figure } from '../src/model.ts';
import type { Reply } from '../src/reply.ts';
import { fold } from '../src/text/fold.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY, MAX_PASSAGES, capped, lines } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'stats',
    name_localizations: { 'zh-TW': '數字', 'zh-CN': '数字' },
    description: 'The figures the speakers cited, with their sentence and who cited them',
    description_localizations: { 'zh-TW': '講者引用的數字、原句及出處', 'zh-CN': '讲者引用的数字、原句及出处' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: { 'zh-TW': '主題', 'zh-CN': '主题' },
        description: 'Only figures on this topic (or with this unit: 億, %, 美元)',
        description_localizations: { 'zh-TW': '只列出這個主題（或單位）的數字', 'zh-CN': '只列出这个主题（或单位）的数字' },
        max_length: 100,
      },
    ],
  },
  examples: ['/stats', '/stats topic:數據', '/stats topic:量子', '/stats topic:億'],
  run({ topic }, { index, locale }): Reply {
    const figures = index.figures();
    const title = topic ? t(locale, 'title.stats.topic', { topic }) : t(locale, 'title.stats');
    const quote = (f: Figure, highlights: [number, number][] = [[f.start, f.start + f.text.length]]) => index.quote(index.passage(f.passageId)!, highlights, f);
    if (!topic) {
      const shown = capped(figures, locale);
      return { command: 'stats', ok: true, title, summary: lines(t(locale, 'summary.figures', { count: figures.length }), shown.note), passages: shown.items.map((f) => quote(f)) };
    }
    // A figure matches when its sentence matches the topic, or its own text does (億, %, 美元).
    const withFigures = [...new Set(figures.map((f) => f.passageId))].map((id) => index.passage(id)!);
    const outcome = index.find(topic, { among: withFigures, limit: MAX_PASSAGES });
    const rank = new Map((outcome.mode === 'all' ? outcome.hits : []).map((h, i) => [h.passage.id, i]));
    const key = fold(topic).replace(/[\s,]/g, '');
    const byText = (f: Figure) => key.length > 0 && fold(f.text).replace(/,/g, '').includes(key);
    const chosen = figures
      .filter((f) => rank.has(f.passageId) || byText(f))
      .sort((a, b) => (rank.get(a.passageId) ?? 1e9) - (rank.get(b.passageId) ?? 1e9));
    const hitsById = new Map(outcome.hits.map((h) => [h.passage.id, h]));
    const shown = capped(chosen, locale);
    return {
      command: 'stats',
      ok: true,
      title,
      summary: lines(t(locale, 'summary.figures', { count: chosen.length }), shown.note),
      passages: shown.items.map((f) => quote(f, [[f.start, f.start + f.text.length], ...(hitsById.get(f.passageId)?.highlights ?? [])])),
      notice: chosen.length === 0 ? `${t(locale, 'notice.stats.none', { topic })} ${t(locale, 'notice.try', { speakers: index.corpus.speakers.slice(0, 8).map((s) => s.name).join(', ') })}` : undefined,
    };
  },
});
