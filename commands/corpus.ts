/**
 * /corpus: moderators manage the corpus where they are. `list` shows the articles, `show` what
 * the bot understood of one (the facts `npm run inspect` prints for it), `add` a preview of a
 * report as the bot would read it, waiting for the moderator to confirm it (`decide`: buttons on
 * Discord, y/n in the console). Registered only in the admin guild, with Manage Server; the bot
 * checks again, and a context without `moderator` gets a refusal.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { findArticle } from '../src/corpus/articles.ts';
import type { ReloadOutcome } from '../src/corpus/live.ts';
import { formatProblem, type CorpusProblem } from '../src/corpus/load.ts';
import type { AddCheck, AddPlan, CorpusManager, Decision, Pending, RemoveCheck, RemovePlan } from '../src/corpus/manage.ts';
import { t, type Locale } from '../src/i18n.ts';
import type { Article } from '../src/model.ts';
import type { Fact, Reply } from '../src/reply.ts';
import type { SearchIndex } from '../src/search/index.ts';
import { defineCommand, errorReply, type Actor } from './define.ts';
import { GUILD_ONLY, MANAGE_GUILD, reloadReport } from './shared.ts';

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
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        name_localizations: { 'zh-TW': '加入', 'zh-CN': '加入' },
        description: 'Add a report (.txt): see what the bot reads in it, then confirm',
        description_localizations: { 'zh-TW': '加入報道（.txt）：先看機械人的理解，再確認', 'zh-CN': '加入报道（.txt）：先看机器人的理解，再确认' },
        options: [
          {
            type: ApplicationCommandOptionType.Attachment,
            name: 'file',
            name_localizations: { 'zh-TW': '檔案', 'zh-CN': '文件' },
            description: 'The report as a UTF-8 .txt page, at most 4 MB',
            description_localizations: { 'zh-TW': '報道，UTF-8 .txt 檔，最多 4 MB', 'zh-CN': '报道，UTF-8 .txt 文件，最多 4 MB' },
            required: true,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'title',
            name_localizations: { 'zh-TW': '標題', 'zh-CN': '标题' },
            description: 'Its title (default: its headline)',
            description_localizations: { 'zh-TW': '標題（預設：報道的標題）', 'zh-CN': '标题（默认：报道的标题）' },
            max_length: 300,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'source',
            name_localizations: { 'zh-TW': '來源', 'zh-CN': '来源' },
            description: 'Its source, e.g. 香港文匯報 (default: what the page says)',
            description_localizations: { 'zh-TW': '來源，例如 香港文匯報（預設：報道所寫）', 'zh-CN': '来源，例如 香港文汇报（默认：报道所写）' },
            max_length: 120,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'date',
            name_localizations: { 'zh-TW': '日期', 'zh-CN': '日期' },
            description: 'Its date, YYYY-MM-DD (default: its dateline)',
            description_localizations: { 'zh-TW': '日期，YYYY-MM-DD（預設：報道的日期）', 'zh-CN': '日期，YYYY-MM-DD（默认：报道的日期）' },
            max_length: 10,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'language',
            name_localizations: { 'zh-TW': '語言', 'zh-CN': '语言' },
            description: 'Its language (default: from its script)',
            description_localizations: { 'zh-TW': '語言（預設：按文字判斷）', 'zh-CN': '语言（默认：按文字判断）' },
            choices: [
              { name: '繁體中文 (zh-Hant)', value: 'zh-Hant' },
              { name: '简体中文 (zh-Hans)', value: 'zh-Hans' },
              { name: 'English (en)', value: 'en' },
            ],
          },
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        name_localizations: { 'zh-TW': '移除', 'zh-CN': '移除' },
        description: 'Remove an article (its files are kept aside, not deleted), after you confirm',
        description_localizations: { 'zh-TW': '移除報道（檔案移到一旁，不會刪除），須確認', 'zh-CN': '移除报道（文件移到一旁，不会删除），须确认' },
        options: [articleOption],
      },
    ],
  },
  examples: ['/corpus list', '/corpus show article:wenweipo-2025-01-17', '/corpus add path:report.txt date:2025-01-17', '/corpus remove article:wenweipo-2025-01-17'],
  moderatorOnly: true,
  async run(options, { index, locale, moderator, manager, readFile }): Promise<Reply> {
    if (!moderator) return errorReply('corpus', locale, 'forbidden', t(locale, 'error.forbidden.corpus'));
    switch (options.subcommand) {
      case 'list':
        return listReply(index, locale);
      case 'show': {
        const found = findArticle(index.corpus, options.article);
        if ('suggestions' in found) return unknownArticle(index, options.article, found.suggestions, locale);
        return showReply(found.found, locale);
      }
      case 'add': {
        if (!manager || !readFile) return errorReply('corpus', locale, 'forbidden', t(locale, 'error.forbidden.corpus'));
        const file = await readFile(options.file);
        if (!file.ok) return errorReply('corpus', locale, 'file_unusable', t(locale, 'error.corpus.file', { message: `${file.name}: ${file.message}` }));
        const { title, source, date, language } = options;
        const prepared = await manager.prepareAdd({ bytes: file.bytes, filename: file.name, title, source, date, language }, moderator);
        if (!prepared.ok) return checkFailed(prepared, locale);
        return previewReply(prepared.plan, prepared.pending!, manager, locale);
      }
      case 'remove': {
        if (!manager) return errorReply('corpus', locale, 'forbidden', t(locale, 'error.forbidden.corpus'));
        const found = findArticle(index.corpus, options.article);
        if ('suggestions' in found) return unknownArticle(index, options.article, found.suggestions, locale);
        const prepared = await manager.prepareRemove(found.found.meta.id, moderator);
        if (!prepared.ok) return checkFailed(prepared, locale);
        return removalReply(prepared.plan, prepared.pending!, manager, locale);
      }
    }
  },
});

/** The moderator's answer to a prepared change: made (yes), or dropped (no). */
export async function decide(id: string, yes: boolean, context: { manager: CorpusManager; moderator: Actor; locale: Locale }): Promise<Reply> {
  const { manager, moderator, locale } = context;
  const decision = yes ? await manager.confirm(id, moderator) : manager.cancel(id, moderator);
  return decisionReply(decision, locale);
}

const problemsFact = (locale: Locale, problems: CorpusProblem[]) => ({ label: t(locale, 'reload.errors'), value: problems.map(formatProblem).join('\n') });

function checkFailed(check: Exclude<AddCheck | RemoveCheck, { ok: true }>, locale: Locale): Reply {
  if (check.reason === 'duplicate') {
    const { id, title, file } = check.existing;
    const article = id ? `${id} ("${title}", ${file})` : file;
    return errorReply('corpus', locale, 'duplicate_report', t(locale, 'error.corpus.duplicate', { article }));
  }
  return { ...errorReply('corpus', locale, 'invalid_report', t(locale, 'error.corpus.invalid')), facts: [problemsFact(locale, check.problems)] };
}

function reportLine(plan: AddPlan, locale: Locale): string {
  const { meta } = plan.article;
  return t(locale, 'corpus.report.line', { title: meta.title, source: meta.source, date: meta.date ?? '—', language: meta.language, id: meta.id, file: plan.file });
}

function wouldChange(plan: AddPlan, locale: Locale): string {
  const { passagesAdded, speakersAdded } = plan.changes;
  return t(locale, 'corpus.would.line', { passages: passagesAdded, speakers: speakersAdded.length + (speakersAdded.length ? ` (${speakersAdded.join(', ')})` : '') });
}

/** What the bot read in a report it was handed, and what adding it would change. */
export function previewReply(plan: AddPlan, pending: Pending, manager: CorpusManager, locale: Locale): Reply {
  return {
    command: 'corpus',
    ok: true,
    ephemeral: true,
    title: t(locale, 'title.corpus.add', { title: plan.article.meta.title }),
    summary: t(locale, 'corpus.add.preview', { file: plan.file, sidecar: plan.sidecar, minutes: minutes(manager) }),
    passages: [],
    facts: [{ label: t(locale, 'corpus.report'), value: reportLine(plan, locale) }, { label: t(locale, 'corpus.would'), value: wouldChange(plan, locale) }, ...articleFacts(plan.article, locale)],
    confirm: { id: pending.id, action: 'add', expiresAt: new Date(pending.expiresAt).toISOString() },
  };
}

const minutes = (manager: CorpusManager) => Math.max(1, Math.round(manager.confirmTtlMs / 60_000));

/** The article a moderator would remove, where its files would go, and what the corpus would lose. */
export function removalReply(plan: RemovePlan, pending: Pending, manager: CorpusManager, locale: Locale): Reply {
  const { speakersRemoved } = plan;
  return {
    command: 'corpus',
    ok: true,
    ephemeral: true,
    title: t(locale, 'title.corpus.remove', { title: plan.article.meta.title }),
    summary: t(locale, 'corpus.remove.preview', { files: plan.files.join(', '), folder: plan.folder, minutes: minutes(manager) }),
    passages: [],
    facts: [
      { label: t(locale, 'corpus.report'), value: articleLine(plan.article, locale) },
      {
        label: t(locale, 'corpus.would'),
        value: t(locale, 'corpus.would.remove', { passages: plan.passagesRemoved, speakers: speakersRemoved.length + (speakersRemoved.length ? ` (${speakersRemoved.join(', ')})` : '') }),
      },
      ...articleFacts(plan.article, locale),
    ],
    confirm: { id: pending.id, action: 'remove', expiresAt: new Date(pending.expiresAt).toISOString() },
  };
}

function reloadFailure(reload: ReloadOutcome, locale: Locale) {
  if (reload.ok) return [];
  if (reload.reason === 'broken') return [problemsFact(locale, reload.errors)];
  const why = reload.reason === 'running' ? t(locale, 'error.reload.running') : t(locale, 'error.reload.timeout', { seconds: reload.seconds });
  return [{ label: t(locale, 'reload.errors'), value: why }];
}

export function decisionReply(decision: Decision, locale: Locale): Reply {
  if (decision.ok && decision.kind === 'cancelled') {
    const remove = decision.change.kind === 'remove';
    const title = decision.change.plan.article.meta.title;
    return {
      command: 'corpus',
      ok: true,
      ephemeral: true,
      title: t(locale, remove ? 'title.corpus.kept' : 'title.corpus.cancelled', { title }),
      summary: t(locale, remove ? 'corpus.kept' : 'corpus.cancelled'),
      passages: [],
    };
  }
  if (decision.ok && decision.kind === 'remove') {
    const { plan, reload } = decision;
    const report = reload.ok ? reloadReport(reload, locale) : { summary: '', facts: [] };
    return {
      command: 'corpus',
      ok: true,
      ephemeral: true,
      title: t(locale, 'title.corpus.removed', { title: plan.article.meta.title }),
      summary: `${t(locale, 'corpus.removed.summary', { files: plan.files.join(', '), folder: plan.folder })}\n${report.summary}`,
      ...(report.notice ? { notice: report.notice } : {}),
      passages: [],
      facts: report.facts,
    };
  }
  if (decision.ok) {
    const { plan, reload } = decision;
    const report = reload.ok ? reloadReport(reload, locale) : { summary: '', facts: [] };
    return {
      command: 'corpus',
      ok: true,
      ephemeral: true,
      title: t(locale, 'title.corpus.added', { title: plan.article.meta.title }),
      summary: `${t(locale, 'corpus.added.summary', { file: plan.file, sidecar: plan.sidecar })}\n${report.summary}`,
      ...(report.notice ? { notice: report.notice } : {}),
      passages: [],
      facts: [{ label: t(locale, 'corpus.report'), value: reportLine(plan, locale) }, ...report.facts],
    };
  }
  switch (decision.reason) {
    case 'expired':
      return errorReply('corpus', locale, 'change_expired', t(locale, 'error.corpus.expired'));
    case 'not_yours':
      return errorReply('corpus', locale, 'not_yours', t(locale, 'error.corpus.not.yours', { name: decision.owner.name }));
    case 'running':
      return errorReply('corpus', locale, 'change_running', t(locale, 'error.corpus.running', { what: decision.what, by: decision.by }));
    case 'invalid':
    case 'duplicate':
      return checkFailed(decision, locale);
    case 'reload_failed':
      return { ...errorReply('corpus', locale, 'change_failed', t(locale, 'error.corpus.reload.failed', { file: decision.file })), facts: reloadFailure(decision.reload, locale) };
    case 'write_failed':
      return errorReply('corpus', locale, 'change_failed', t(locale, 'error.corpus.write.failed', { message: decision.message }));
  }
}

export function unknownArticle(index: SearchIndex, input: string, suggestions: Article[], locale: Locale): Reply {
  const ids = (articles: Article[]) =>
    articles
      .slice(0, 10)
      .map((a) => a.meta.id)
      .join(', ');
  const suggestion = suggestions.length ? t(locale, 'error.article.suggest', { articles: ids(suggestions) }) : t(locale, 'error.article.list', { articles: ids(index.corpus.articles) });
  return errorReply('corpus', locale, 'unknown_article', t(locale, 'error.unknown.article', { article: input, suggestion }));
}

/** One line of facts about an article: id, file, source, date, language, counts, who added it. */
export function articleLine(article: Article, locale: Locale): string {
  const { meta } = article;
  const line = t(locale, 'corpus.article', {
    id: meta.id,
    file: meta.file,
    source: meta.source,
    date: meta.date ?? '—',
    language: meta.language,
    passages: article.passages.length,
    speakers: article.speakers.length,
  });
  return meta.added ? `${line} · ${t(locale, 'corpus.added', { by: meta.added.by, at: meta.added.at })}` : line;
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
      value: t(locale, 'corpus.passages.detail', {
        total: article.passages.length,
        attributed,
        narrative: article.passages.length - attributed,
        truncated: article.passages.filter((p) => p.truncated).length,
      }),
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
      ? [
          {
            label: t(locale, 'corpus.lists', { count: article.lists.length }),
            value: list(article.lists.map((l) => t(locale, 'corpus.list', { title: l.title ?? t(locale, 'corpus.no.headline'), items: l.items.length, source: l.source ?? '—' }))),
          },
        ]
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
