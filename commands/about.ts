import { t } from '../src/i18n.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'about',
    name_localizations: { 'zh-TW': '關於', 'zh-CN': '关于' },
    description: 'What the bot knows: the reports, their sources and dates',
    description_localizations: { 'zh-TW': '資料庫內容：報道、來源及日期', 'zh-CN': '资料库内容：报道、来源及日期' },
    contexts: GUILD_ONLY,
  },
  examples: ['/about'],
  run(_options, { index, locale }) {
    const { corpus } = index;
    const passages = corpus.articles.reduce((n, a) => n + a.passages.length, 0);
    return {
      command: 'about',
      ok: true,
      title: t(locale, 'title.about'),
      summary: t(locale, 'summary.about', {
        articles: corpus.articles.length,
        passages,
        speakers: corpus.speakers.length,
        figures: corpus.articles.reduce((n, a) => n + a.figures.length, 0),
        loaded: corpus.loadedAt.toISOString(),
      }),
      passages: [],
      facts: corpus.articles.map((a) => ({
        label: a.meta.title,
        value: `${a.meta.source}, ${a.meta.date ?? '—'} · ${a.meta.id} · ${a.passages.length} passages, ${a.speakers.length} speakers${a.meta.url ? ` · ${a.meta.url}` : ''}`,
      })),
    };
  },
});
