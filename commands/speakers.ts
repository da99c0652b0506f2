import { t } from '../src/i18n.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY, capped } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'speakers',
    name_localizations: { 'zh-TW': '講者', 'zh-CN': '讲者' },
    description: 'Everyone quoted in the reports, with their roles',
    description_localizations: { 'zh-TW': '報道中所有被引述的人及其職銜', 'zh-CN': '报道中所有被引述的人及其职衔' },
    contexts: GUILD_ONLY,
  },
  examples: ['/speakers'],
  run(_options, { index, locale }) {
    const everyone = index.corpus.speakers.map((s) => ({ name: s.name, roles: s.roles, passages: index.passagesBy(s.name).length })).sort((a, b) => b.passages - a.passages);
    const shown = capped(everyone, locale);
    return { command: 'speakers', ok: true, title: t(locale, 'title.speakers'), summary: shown.note, passages: [], speakers: shown.items };
  },
});
