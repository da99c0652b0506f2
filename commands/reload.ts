import { t } from '../src/i18n.ts';
import { formatProblem } from '../src/corpus/load.ts';
import { defineCommand, errorReply } from './define.ts';
import { GUILD_ONLY, MANAGE_GUILD, reloadReport } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'reload',
    name_localizations: { 'zh-TW': '重新載入', 'zh-CN': '重新载入' },
    description: 'Moderators: re-read the corpus folder and swap in the new index',
    description_localizations: { 'zh-TW': '管理員：重新讀取資料庫', 'zh-CN': '管理员：重新读取资料库' },
    contexts: GUILD_ONLY,
    default_member_permissions: MANAGE_GUILD,
  },
  examples: ['/reload'],
  moderatorOnly: true,
  async run(_options, { locale, reload }) {
    if (!reload) return errorReply('reload', locale, 'forbidden', t(locale, 'error.forbidden'));
    const outcome = await reload();
    const shards = outcome.shards?.length
      ? [{ label: t(locale, 'reload.shards'), value: outcome.shards.map((s) => t(locale, s.ok ? 'reload.shard.ok' : 'reload.shard.failed', { shard: s.shard, detail: s.detail })).join('\n') }]
      : [];
    if (!outcome.ok && outcome.reason === 'running') return { ...errorReply('reload', locale, 'reload_running', t(locale, 'error.reload.running')), facts: shards };
    if (!outcome.ok && outcome.reason === 'timeout') {
      return { ...errorReply('reload', locale, 'reload_timeout', t(locale, 'error.reload.timeout', { seconds: outcome.seconds })), title: t(locale, 'title.reload'), facts: shards };
    }
    if (!outcome.ok) {
      return {
        ...errorReply('reload', locale, 'reload_failed', t(locale, 'error.reload.failed')),
        title: t(locale, 'title.reload'),
        facts: [{ label: t(locale, 'reload.errors'), value: outcome.errors.map(formatProblem).join('\n') }, ...shards],
      };
    }
    return { command: 'reload', ok: true, ephemeral: true, title: t(locale, 'title.reload'), passages: [], ...reloadReport(outcome, locale) };
  },
});
