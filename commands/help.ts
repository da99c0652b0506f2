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
  run(_options, { locale, commands, mayModerate, moderator, console: inConsole }) {
    // Discord hides the moderators' commands from others (default_member_permissions); so does
    // /help. The console's user is the operator, who may use them all. The console's own
    // commands are not on Discord, and Discord's message menu is not in the console.
    const shown = commands.filter((c) => (!c.moderatorOnly || mayModerate || moderator) && (!c.consoleOnly || inConsole));
    const menu = inConsole ? [] : [{ label: t(locale, 'help.menu.label'), value: t(locale, 'help.menu') }];
    return {
      command: 'help',
      ok: true,
      title: t(locale, 'title.help'),
      summary: t(locale, 'summary.help'),
      passages: [],
      facts: shown
        .map((c) => {
          const d = c.definition;
          const description = (locale !== 'en' && d.description_localizations?.[locale]) || d.description;
          return { label: `/${d.name}`, value: `${description}\n${c.examples.join('\n')}` };
        })
        .concat(menu),
    };
  },
});
