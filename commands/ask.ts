import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../src/i18n.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY, searchNotice } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'ask',
    name_localizations: { 'zh-TW': '提問', 'zh-CN': '提问' },
    description: 'Ask anything about the summit; answers are quoted from the reports',
    description_localizations: { 'zh-TW': '問任何關於峰會的問題，以報道原文回答', 'zh-CN': '问任何关于峰会的问题，以报道原文回答' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        name_localizations: { 'zh-TW': '問題', 'zh-CN': '问题' },
        description: 'Your question, in Chinese or English',
        description_localizations: { 'zh-TW': '你的問題（中文或英文）', 'zh-CN': '你的问题（中文或英文）' },
        required: true,
        max_length: 200,
      },
    ],
  },
  examples: ['/ask query:數據跨境 流動', '/ask query:量子技术市场', '/ask query:What did CY Leung say about privacy?'],
  run({ query }, { index, locale }) {
    const outcome = index.find(query, { limit: 10 });
    return {
      command: 'ask',
      ok: true,
      title: t(locale, 'title.ask', { query }),
      passages: outcome.hits.map((h) => index.quote(h.passage, h.highlights)),
      notice: searchNotice(index, query, outcome, locale),
    };
  },
});
