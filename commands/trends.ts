import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../src/i18n.ts';
import type { Reply } from '../src/reply.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY, MAX_PASSAGES, capped, lines } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'trends',
    name_localizations: { 'zh-TW': '趨勢', 'zh-CN': '趋势' },
    description: 'The outlook the speakers gave: the list of trends, in its order',
    description_localizations: { 'zh-TW': '講者提出的展望：趨勢列表', 'zh-CN': '讲者提出的展望：趋势列表' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: { 'zh-TW': '主題', 'zh-CN': '主题' },
        description: 'Only the trends on this topic, then the passages that discuss them',
        description_localizations: { 'zh-TW': '只列出這個主題的趨勢及相關段落', 'zh-CN': '只列出这个主题的趋势及相关段落' },
        max_length: 100,
      },
    ],
  },
  examples: ['/trends', '/trends topic:量子', '/trends topic:AI'],
  run({ topic }, { index, locale }): Reply {
    const lists = index.lists();
    const title = topic ? t(locale, 'title.trends.topic', { topic }) : t(locale, 'title.trends');
    if (lists.length === 0) return { command: 'trends', ok: true, title, passages: [], notice: t(locale, 'notice.trends.nolist') };

    const summaryOf = (list: (typeof lists)[number]) => t(locale, 'summary.trends', { title: list.title ?? '—', source: list.source ?? '—', count: list.items.length });
    // Every list's items in order, when that is the answer (no topic, or nothing matches it).
    const everything = () => {
      const all = capped(
        lists.flatMap((l) => l.items),
        locale,
      );
      return { summary: lines(...lists.slice(0, 5).map(summaryOf), all.note), passages: all.items.map((id) => index.quote(index.passage(id)!)) };
    };
    if (!topic) return { command: 'trends', ok: true, title, ...everything() };

    const items = index.find(topic, { among: index.listItems(), limit: MAX_PASSAGES });
    if (items.hits.length === 0 || items.mode !== 'all') {
      return { command: 'trends', ok: true, title, ...everything(), notice: t(locale, 'notice.trends.none', { topic }) };
    }
    // Matching items in the lists' own order, then the passages that discuss them.
    const order = index.listItemOrder();
    const matched = [...items.hits].sort((a, b) => order.get(a.passage.id)! - order.get(b.passage.id)!);
    // The discussion is in the reports that present the matching trends (張洪海's story for his
    // list), not anywhere a word recurs.
    const presenting = [...new Set(matched.map((h) => h.passage.articleId))];
    const discussion = index.find(topic, { articles: presenting, filter: (p) => !order.has(p.id) && p.kind !== 'table-title', limit: 5 });
    const matchedLists = new Set(matched.map((h) => h.passage.listId));
    return {
      command: 'trends',
      ok: true,
      title,
      summary: lines(
        ...lists
          .filter((l) => matchedLists.has(l.id))
          .slice(0, 5)
          .map(summaryOf),
        t(locale, 'summary.trends.topic', { matched: matched.length, count: order.size }),
      ),
      passages: [...matched, ...(discussion.mode === 'all' ? discussion.hits : [])].map((h) => index.quote(h.passage, h.highlights)),
    };
  },
});
