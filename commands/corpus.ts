/**
 * /corpus: moderators manage the corpus where they are. `list` shows the articles, `show` what
 * the bot understood of one (the facts `npm run inspect` prints for it). Registered only in the
 * admin guild, with Manage Server; the bot checks again, and a context without `moderator` gets
 * a refusal.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { findArticle } from '../src/corpus/articles.ts';
import { formatProblem } from '../src/corpus/load.ts';
import { t, type Locale } from '../src/i18n.ts';
import type { Article } from '../src/model.ts';
import type { Fact, Reply } from '../src/reply.ts';
import type { SearchIndex } from '../src/search/index.ts';
import { defineCommand, errorReply } from './define.ts';
import { GUILD_ONLY } from './shared.ts';

const MANAGE_GUILD = String(1 << 5);

const articleOption = {
  type: ApplicationCommandOptionType.String,
  name: 'article',
  name_localizations: { 'zh-TW': '報道', 'zh-CN': '报道' },
  description: 'The article, by id or title',
  description_localizations: { 'zh-TW': '報道（編號或標題）', 'zh-CN': '报道（编号或标题）' },
  required: true,
  autocomplete: true,
  max_length: 100,
} as const;

export default defineCommand({
  definition: {
    name: 'corpus',
    name_localizations: { 'zh-TW': '資料庫', 'zh-CN': '资料库' },
    description: 'Moderators: the reports the bot answers from',
    description_localizations: { 'zh-TW': '管理員：機械人所用的報道', 'zh-CN': '管理员：机器人所用的报道' },
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE_GUILD,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        name_localizations: { 'zh-TW': '列出', 'zh-CN': '列出' },
        description: 'The articles: id, title, source, date, language, passages, speakers',
        description_localizations: { 'zh-TW': '所有報道：編號、標題、來源、日期、語言、段落、講者', 'zh-CN': '所有报道：编号、标题、来源、日期、语言、段落、讲者' },
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'show',
        name_localizations: { 'zh-TW': '查看', 'zh-CN': '查看' },
        description: 'What the bot understood of one article',
        description_localizations: { 'zh-TW': '機械人對一篇報道的理解', 'zh-CN': '机器人对一篇报道的理解' },
        options: [articleOption],
      },
    ],
  },
  examples: ['/corpus list', '/corpus show article:wenweipo-2025-01-17'],
  moderatorOnly: true,
  run(options, { index, locale, moderator }): Reply {
    if (!moderator) return errorReply('corpus', locale, 'forbidden', t(locale, 'error.forbidden.corpus'));
    switch (options.subcommand) {
      case 'list':
        return listReply(index, locale);
      case 'show': {
        const found = findArticle(index.corpus, options.article);
        if ('suggestions' in found) return unknownArticle(index, options.article, found.suggestions, locale);
        return showReply(found.found, locale);
      }
    }
  },
});

export function unknownArticle(index: SearchIndex, input: string, suggestions: Article[], locale: Locale): Reply {
  const ids = (articles: Article[]) => articles.slice(0, 10).map((a) => a.meta.id).join(', ');
  const suggestion = suggestions.length ? t(locale, 'error.article.suggest', { articles: ids(suggestions) }) : t(locale, 'error.article.list', { articles: ids(index.corpus.articles) });
  return errorReply('corpus', locale, 'unknown_article', t(locale, 'error.unknown.article', { article: input, suggestion }));
}

/** One line of facts about an article: id, file, source, date, language, counts. */
export function articleLine(article: Article, locale: Locale): string {
  const { meta } = article;
  return t(locale, 'corpus.article', { id: meta.id, file: meta.file, source: meta.source, date: meta.date ?? '—', language: meta.language, passages: article.passages.length, speakers: article.speakers.length });
}

export function listReply(index: SearchIndex, locale: Locale): Reply {
  const { corpus } = index;
  return {
    command: 'corpus',
    ok: true,
    ephemeral: true,
    title: t(locale, 'title.corpus.list', { count: corpus.articles.length }),
    summary: t(locale, 'corpus.summary', {
      articles: corpus.articles.length,
      passages: corpus.articles.reduce((n, a) => n + a.passages.length, 0),
      speakers: corpus.speakers.length,
      loaded: corpus.loadedAt.toISOString(),
    }),
    passages: [],
    facts: corpus.articles.map((a) => ({ label: a.meta.title, value: articleLine(a, locale) })),
  };
}

/** What the ingester understood of an article, one fact per kind, each a list of lines. */
export function articleFacts(article: Article, locale: Locale): Fact[] {
  const none = t(locale, 'corpus.none');
  const list = (items: string[]) => (items.length ? items.join('\n') : none);
  const speakerOf = (passageId: string) => article.passages.find((p) => p.id === passageId)?.attribution?.speaker ?? t(locale, 'label.narrative');
  const people = [...article.people].sort((a, b) => b.passages - a.passages);
  const attributed = article.passages.filter((p) => p.attribution).length;
  return [
    {
      label: t(locale, 'corpus.passages'),
      value: t(locale, 'corpus.passages.detail', { total: article.passages.length, attributed, narrative: article.passages.length - attributed, truncated: article.passages.filter((p) => p.truncated).length }),
    },
    {
      label: t(locale, 'corpus.stories', { count: article.stories.length }),
      value: list(
        article.stories.map((s) =>
          t(locale, 'corpus.story', {
            headline: s.headline ?? t(locale, 'corpus.no.headline'),
            passages: article.passages.filter((p) => p.storyId === s.id).length,
            reporters: s.reporters.join('、') || '—',
            photographers: s.photographers.join('、') || '—',
          }),
        ),
      ),
    },
    {
      label: t(locale, 'corpus.people', { count: people.length }),
      value: list(people.map((p) => t(locale, 'corpus.person', { name: p.name, roles: p.roles.join('、') || t(locale, 'corpus.no.role'), passages: p.passages, forms: p.forms.join(', ') || p.name }))),
    },
    {
      label: t(locale, 'corpus.figures', { count: article.figures.length }),
      value: list(article.figures.map((f) => t(locale, 'corpus.figure', { figure: f.text, speaker: speakerOf(f.passageId), passage: f.passageId }))),
    },
    ...(article.lists.length
      ? [{ label: t(locale, 'corpus.lists', { count: article.lists.length }), value: list(article.lists.map((l) => t(locale, 'corpus.list', { title: l.title ?? t(locale, 'corpus.no.headline'), items: l.items.length, source: l.source ?? '—' }))) }]
      : []),
    { label: t(locale, 'corpus.warnings', { count: article.warnings.length }), value: list(article.warnings.map(formatProblem)) },
  ];
}

export function showReply(article: Article, locale: Locale): Reply {
  return {
    command: 'corpus',
    ok: true,
    ephemeral: true,
    title: t(locale, 'title.corpus.show', { title: article.meta.title }),
    summary: articleLine(article, locale),
    passages: [],
    facts: articleFacts(article, locale),
  };
}
