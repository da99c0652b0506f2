import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../src/i18n.ts';
import type { Reply } from '../src/reply.ts';
import { defineCommand, errorReply } from './define.ts';
import { GUILD_ONLY, capped, isReply, resolveSpeaker, searchNotice } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'who',
    name_localizations: { 'zh-TW': '誰說', 'zh-CN': '谁说' },
    description: 'Who said what: a speaker, a topic, or both',
    description_localizations: { 'zh-TW': '誰說了甚麼：講者、主題或兩者', 'zh-CN': '谁说了什么：讲者、主题或两者' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'speaker',
        name_localizations: { 'zh-TW': '講者', 'zh-CN': '讲者' },
        description: 'A speaker, by any form of the name (梁振英, CY Leung, 振英)',
        description_localizations: { 'zh-TW': '講者，任何寫法皆可（梁振英、CY Leung、振英）', 'zh-CN': '讲者，任何写法皆可（梁振英、CY Leung、振英）' },
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: { 'zh-TW': '主題', 'zh-CN': '主题' },
        description: 'A topic, in Chinese or English',
        description_localizations: { 'zh-TW': '主題（中文或英文）', 'zh-CN': '主题（中文或英文）' },
        max_length: 100,
      },
    ],
  },
  examples: ['/who speaker:梁振英', '/who topic:量子', '/who speaker:CY Leung topic:隱私', '/who speaker:陈茂波 topic:数据'],
  run({ speaker: speakerInput, topic }, { index, locale }): Reply {
    if (!speakerInput && !topic) return errorReply('who', locale, 'missing_option', t(locale, 'error.who.neither'));

    if (speakerInput) {
      const speaker = resolveSpeaker(index, 'who', speakerInput, locale);
      if (isReply(speaker)) return speaker;
      // Their passages carry their name and roles once, as every reply's attribution does; the
      // summary names them only where the passages are someone else's.
      const summary = t(locale, 'summary.speaker', { name: speaker.name, roles: speaker.roles.join('、') || '—' });
      if (!topic) {
        const theirs = capped(index.passagesBy(speaker.name), locale);
        return {
          command: 'who',
          ok: true,
          title: t(locale, 'title.who.speaker', { name: speaker.name }),
          ...(theirs.note ? { summary: theirs.note } : {}),
          passages: theirs.items.map((p) => index.quote(p)),
        };
      }
      const outcome = index.find(topic, { speaker: speaker.name, limit: 25 });
      if (outcome.hits.length > 0 && outcome.mode === 'all') {
        return {
          command: 'who',
          ok: true,
          title: t(locale, 'title.who.both', { name: speaker.name, topic }),
          passages: outcome.hits.map((h) => index.quote(h.passage, h.highlights)),
        };
      }
      // They said nothing on it: say so, and show who did.
      const others = index.find(topic, { filter: (p) => p.attribution !== null, limit: 5 });
      return {
        command: 'who',
        ok: true,
        title: t(locale, 'title.who.both', { name: speaker.name, topic }),
        summary,
        passages: others.hits.map((h) => index.quote(h.passage, h.highlights)),
        notice:
          others.hits.length > 0
            ? t(locale, 'notice.person.nothing', { name: speaker.name, topic })
            : `${t(locale, 'notice.person.nothing.at.all', { name: speaker.name, topic })} ${searchNotice(index, topic, others, locale) ?? ''}`.trim(),
      };
    }

    const query = topic!;
    // The best 60 passages with a speaker give the speakers to list, each with their best passage.
    const outcome = index.find(query, { filter: (p) => p.attribution !== null, limit: 60 });
    // Best passage per speaker, speakers in the order of their best passage.
    if (outcome.mode !== 'all') {
      // Nobody quoted on it as asked: the reports may still mention it, in their own words.
      const mentions = index.find(query, { limit: 5 });
      if (mentions.hits.length > 0 && (mentions.mode === 'all' || outcome.hits.length === 0)) {
        return {
          command: 'who',
          ok: true,
          title: t(locale, 'title.who.topic', { topic: query }),
          passages: mentions.hits.map((h) => index.quote(h.passage, h.highlights)),
          notice: t(locale, 'notice.topic.nobody', { topic: query }),
        };
      }
    }
    const best = new Map<string, (typeof outcome.hits)[number]>();
    for (const hit of outcome.hits) {
      const name = hit.passage.attribution!.speaker;
      if (!best.has(name)) best.set(name, hit);
    }
    return {
      command: 'who',
      ok: true,
      title: t(locale, 'title.who.topic', { topic: query }),
      passages: [...best.values()].map((h) => index.quote(h.passage, h.highlights)),
      notice: searchNotice(index, query, outcome, locale),
    };
  },
});
