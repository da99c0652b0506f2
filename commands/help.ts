import { t } from '../src/i18n.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'help',
    name_localizations: { 'zh-TW': '說明', 'zh-CN': '说明' },
    description: 'The commands, with an example each',
    description_localizations: { 'zh-TW': '所有指令及例子', 'zh-CN': '所有指令及例子' },
    contexts: GUILD_ONLY,
  },
  examples: ['/help'],
  run(_options, { locale, commands }) {
    return {
      command: 'help',
      ok: true,
      title: t(locale, 'title.help'),
      summary: t(locale, 'summary.help'),
      passages: [],
      facts: commands.map((c) => {
        const d = c.definition;
        const description = (locale !== 'en' && d.description_localizations?.[locale]) || d.description;
        return { label: `/${d.name}`, value: `${description}\n${c.examples.join('\n')}` };
      }),
    };
  },
});
