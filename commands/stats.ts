import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { t } from '../src/i18n.ts';
import type { Figure } from '../src/model.ts';
import type { Reply } from '../src/reply.ts';
import type { Span } from '../src/search/quote.ts';
import { fold } from '../src/text/fold.ts';
import { defineCommand } from './define.ts';
import { GUILD_ONLY, MAX_PASSAGES, capped, lines, searchNotice } from './shared.ts';

export default defineCommand({
  definition: {
    name: 'stats',
    name_localizations: { 'zh-TW': '數字', 'zh-CN': '数字' },
    description: 'The figures the speakers cited, with their sentence and who cited them',
    description_localizations: { 'zh-TW': '講者引用的數字、原句及出處', 'zh-CN': '讲者引用的数字、原句及出处' },
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: { 'zh-TW': '主題', 'zh-CN': '主题' },
        description: 'Only figures on this topic (or with this unit: 億, %, 美元)',
        description_localizations: { 'zh-TW': '只列出這個主題（或單位）的數字', 'zh-CN': '只列出这个主题（或单位）的数字' },
        max_length: 100,
      },
    ],
  },
  examples: ['/stats', '/stats topic:數據', '/stats topic:量子', '/stats topic:億'],
  run({ topic }, { index, locale }): Reply {
    const figures = index.figures();
    const title = topic ? t(locale, 'title.stats.topic', { topic }) : t(locale, 'title.stats');
    // One entry per passage, with every figure of it that was chosen: a sentence citing three
    // figures is quoted once, its figures in bold.
    const quote = (id: string, fs: Figure[], extra: Span[] = []) => {
      const inOrder = [...fs].sort((a, b) => a.start - b.start);
      return index.quote(index.passage(id)!, [...inOrder.map((f): Span => [f.start, f.start + f.text.length]), ...extra], inOrder);
    };
    const quoted = (chosen: Figure[], extra: (passageId: string) => Span[] = () => []) => {
      const byPassage = new Map<string, Figure[]>();
      for (const f of chosen) byPassage.set(f.passageId, [...(byPassage.get(f.passageId) ?? []), f]);
      const shown = capped([...byPassage], locale);
      return { note: shown.note, passages: shown.items.map(([id, fs]) => quote(id, fs, extra(id))) };
    };
    if (!topic) {
      // Every passage citing a figure, in corpus order: the first of them are shown.
      const all = capped(index.passagesWithFigures(), locale);
      const passages = all.items.map((p) => quote(p.id, index.figuresOf(p.id)));
      return { command: 'stats', ok: true, title, summary: lines(t(locale, 'summary.figures', { count: figures.length }), all.note), passages };
    }
    // A figure matches when its sentence matches the topic, or its own text does (億, %, 美元).
    const outcome = index.find(topic, { among: index.passagesWithFigures(), limit: MAX_PASSAGES });
    // Passages holding every word of the topic; failing those, ones holding most of it.
    // "How many people", "what share", "how much": figures of that kind first, then by passage;
    // a passage holding less of the question still counts when it has a figure of that kind.
    const asked = askedKind(topic);
    const ofAskedKind = new Set(asked ? figures.filter(asked).map((f) => f.passageId) : []);
    const rank = new Map(outcome.hits.filter((h) => outcome.mode === 'all' || h.coverage >= 0.5 || (h.coverage > 0 && ofAskedKind.has(h.passage.id))).map((h, i) => [h.passage.id, i]));
    const key = fold(topic).replace(/[\s,]/g, '');
    const unit = unitOf(topic);
    const kindRank = (f: Figure) => (asked && !asked(f) ? 1 : 0);
    // The figures of the passages found, and those whose own text matches (a unit: every figure
    // of that unit), in corpus order before they are ranked.
    const candidates = new Set([...[...rank.keys()].flatMap((id) => index.figuresOf(id)), ...(unit ? figures.filter(unit) : index.figuresWithText(key))]);
    const chosen = [...candidates]
      .sort((a, b) => index.figureOrder(a) - index.figureOrder(b))
      .sort((a, b) => kindRank(a) - kindRank(b) || (rank.get(a.passageId) ?? 1e9) - (rank.get(b.passageId) ?? 1e9));
    const hitsById = new Map(outcome.hits.map((h) => [h.passage.id, h]));
    const shown = quoted(chosen, (id) => hitsById.get(id)?.highlights ?? []);
    return {
      command: 'stats',
      ok: true,
      title,
      summary: lines(t(locale, 'summary.figures', { count: chosen.length }), shown.note),
      passages: shown.passages,
      notice:
        chosen.length === 0
          ? `${t(locale, 'notice.stats.none', { topic })} ${t(locale, 'notice.try', {
              speakers: index.corpus.speakers
                .slice(0, 8)
                .map((s) => s.name)
                .join(', '),
            })}`
          : outcome.mode === 'any' && !unit
            ? searchNotice(index, topic, outcome, locale)
            : undefined,
    };
  },
});

/**
 * A topic that is only a unit or a magnitude, in any notation: percent / per cent / % / 成 /
 * 百分之; billion / 億 / 十億; million / 萬 / 百萬; HK$ / 港元; US$ / 美元; RMB / 人民幣. Figures
 * are compared by what they measure and by value, not by how they were written, so billion finds
 * 1,060億美元 and HK$1.2 billion alike.
 */
function unitOf(topic: string): ((f: Figure) => boolean) | null {
  const t = fold(topic).trim().replace(/\s+/g, ' ');
  if (/^(?:%|percent|per cent|percentage|成|百分之|百分比|百分率)$/u.test(t)) return (f) => f.measure === 'percent';
  if (/^(?:hk\$|hkd|港元|港币|hong kong dollars?)$/u.test(t)) return (f) => f.currency === 'HKD';
  if (/^(?:us\$|usd|美元|us dollars?)$/u.test(t)) return (f) => f.currency === 'USD';
  if (/^(?:rmb|cny|人民币|yuan)$/u.test(t)) return (f) => f.currency === 'CNY';
  if (/^(?:trillion|万亿|兆)$/u.test(t)) return (f) => f.measure !== 'percent' && f.value >= 1e12;
  if (/^(?:billion|bn|亿|十亿)$/u.test(t)) return (f) => f.measure !== 'percent' && f.value >= 1e8;
  if (/^(?:million|mn|万|百万)$/u.test(t)) return (f) => f.measure !== 'percent' && f.value >= 1e4 && f.value < 1e8;
  return null;
}

const PERSON_UNITS = new Set([
  '人',
  '位',
  '名',
  '人次',
  'people',
  'persons',
  'delegates',
  'participants',
  'guests',
  'attendees',
  'visitors',
  'users',
  'members',
  'representatives',
  'officials',
  'executives',
  'experts',
  'speakers',
  'students',
  'staff',
  'employees',
  'workers',
  'talents',
]);

/**
 * The kind of figure a question asks for, from its question words (which are no topic and are
 * dropped from the search): a head count (how many people, 多少人, 幾多位), a share (what
 * percentage, 幾成, 比例), money (how much money, 多少錢, 金額) or a duration (how long, 多久).
 */
function askedKind(topic: string): ((f: Figure) => boolean) | null {
  const t = fold(topic);
  if (/how many (?:people|persons|attendees|delegates|participants|guests|visitors|users|members)|(?:多少|几多|幾多|几)(?:个)?(?:人|位|名)|人数|人次/u.test(t)) {
    return (f) => f.measure === 'count' && PERSON_UNITS.has(fold(f.unit).trim());
  }
  if (/what (?:share|percentage|proportion|fraction|per ?cent)|how many per ?cent|几成|幾成|百分之几|比例|比率|占多少|佔多少|占几|佔幾/u.test(t)) return (f) => f.measure === 'percent';
  if (/how much (?:money|funding|investment)|多少钱|几多钱|幾多錢|金额|资金|花多少|投资多少|how much (?:will|did|does|has|is|was)[^?]*(?:cost|spend|invest|fund|worth)/u.test(t))
    return (f) => f.measure === 'currency';
  if (/how long|多久|几耐|幾耐|多长时间|多少年|几年|幾年|how many (?:years|months|days)/u.test(t))
    return (f) => /^(?:年|个月|個月|月|天|日|小时|小時|years?|months?|days?|hours?|weeks?)$/u.test(fold(f.unit).trim());
  return null;
}
