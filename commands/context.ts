import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { passageContext } from '../src/corpus/context.ts';
import { t } from '../src/i18n.ts';
import { defineCommand, errorReply } from './define.ts';
import { GUILD_ONLY } from './shared.ts';

/**
 * A passage with the paragraphs before and after it in its report. The console's: on Discord the
 * Context button of a reply asks the same, by the passage's number on the page.
 */
export default defineCommand({
  definition: {
    name: 'context',
    name_localizations: { 'zh-TW': '上下文', 'zh-CN': '上下文' },
    description: 'A passage with the paragraphs before and after it in its report',
    description_localizations: { 'zh-TW': '段落及其在報道中的前後段落', 'zh-CN': '段落及其在报道中的前后段落' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'passage',
        name_localizations: { 'zh-TW': '段落', 'zh-CN': '段落' },
        description: 'The passage: its id, as --json shows it, or its number in the last answer',
        description_localizations: { 'zh-TW': '段落編號（--json 所示），或上一個回答中的序號', 'zh-CN': '段落编号（--json 所示），或上一个回答中的序号' },
        required: true,
        max_length: 200,
      },
    ],
  },
  consoleOnly: true,
  examples: ['/context passage:wenweipo-2025-01-17#3', '/context 2'],
  run({ passage: id }, { index, locale }) {
    const passage = index.passage(id);
    const article = passage ? index.corpus.articles.find((a) => a.meta.id === passage.articleId) : undefined;
    if (!passage || !article) {
      const example = index.corpus.articles[0]?.passages.find((p) => p.kind === 'body')?.id ?? 'article#1';
      return errorReply('context', locale, 'unknown_passage', t(locale, 'error.unknown.passage', { passage: id, example }));
    }
    const context = passageContext(article, passage);
    if (!context) return errorReply('context', locale, 'no_context', t(locale, 'error.no.context', { passage: id }));
    return { command: 'context', ok: true, title: t(locale, 'title.context'), passages: [index.quote(passage)], context };
  },
});
