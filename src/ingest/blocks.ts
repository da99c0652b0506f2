/**
 * First pass over a page: each non-empty line becomes a block of one kind. A newspaper page has
 * no markup, so the kind comes from the conventions papers share:
 * - a caption opens with ● or ■, or ends with its photo credit (…新华社记者 王明 摄,
 *   … (Xinhua/Wang Ming));
 * - a byline opens a paragraph (香港文匯報訊（記者 …）, 【大公報訊】記者李華報道：, 【明報專訊】,
 *   新华社香港1月16日电（记者 …）, HONG KONG, Jan 16 (Xinhua) --) or stands on a line of its own
 *   as a credit (By Jane Doe and John Roe, 本报记者 王明 香港报道, 香港01記者 陳大文), and so
 *   does a photo credit (新华社记者 王明 摄, Photo: Jane Doe);
 * - a dateline is a line holding only a date (January 16, 2025, 2025年1月16日), or the page's
 *   date and source (2025年01月17日08:32 | 来源：人民网－人民日报海外版);
 * - a footer closes a report or a press release (完, （完）, Ends/Thursday, January 16, 2025,
 *   Issued at HKT 12:30, NNNN, 2025年1月16日（星期四）香港時間12時30分,
 *   《人民日报海外版》（…第 4 版）, （责编：…));
 * - a list item opens with "- ", and a headline is a short line with no sentence punctuation.
 * A line of rules only (＊＊＊＊, ----) carries nothing and is skipped.
 */
import { DATE_EN, DATE_ISO, DATE_ZH, MONTH_EN, WEEKDAY_EN, findDate } from '../text/dates.ts';

export type BlockKind = 'headline' | 'caption' | 'credit' | 'dateline' | 'footer' | 'list-item' | 'paragraph';

export interface Block {
  kind: BlockKind;
  /** The line's text without its marker (●, "- "), byline or photo credit, verbatim otherwise. */
  text: string;
  /** 1-based line number in the source. */
  line: number;
  /** Set on a paragraph that opens with a byline: the reporters it names (may be empty). */
  byline?: { reporters: string[] };
  /** Photographers credited at the end of a caption (…記者黃艾力攝) or by a photo credit line. */
  photographers?: string[];
  /** Reporters named by a credit line (●香港文匯報記者 馬翠媚, By Jane Doe). */
  reporters?: string[];
  /**
   * The news organisation a byline, a reporter credit or a source line names (香港文匯報, 新华社,
   * Xinhua, 香港01, 来源：人民日报海外版); never 本報 (this paper) nor the agency of a photo.
   */
  outlet?: string;
  /** ISO date of a dateline or a footer that gives one. */
  date?: string;
  /** True when the headline is followed by list items: the title of a table. */
  tableTitle?: boolean;
}

const CAPTION_MARK = /^[●■▲◆▼★]\s*/;
const LIST_MARK = /^(?:[-*•・]|\d{1,2}[.、)）])\s+/;
const RULE_LINE = /^[\p{P}\p{S}\s]+$/u;

// Chinese names, one to four characters each: 人民日報 spaces a two-character name (陳 然).
const HAN_NAMES = String.raw`[\p{Script=Han}]{1,4}(?:[、，,及和\s]+[\p{Script=Han}]{1,4})*`;
const EN_NAME = String.raw`[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*){0,3}`;
const EN_NAMES = String.raw`${EN_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)${EN_NAME})*`;
const EN_NAMES_ONLY = new RegExp(`^${EN_NAMES}$`, 'u');

// Bylines leading a paragraph: 【大公報訊】, 【明報專訊】, 【星島日報報道】, 【本報訊】.
const BRACKET_LEAD = /^【([^】\n]{1,16}?)(?:專訊|专讯|報道|报道|[訊讯電电])】/u;
// （星島日報報道）
const PAREN_LEAD = /^[（(]([^）)\n]{2,12}?)(?:報道|报道|專訊|专讯)[）)]/u;
// 香港文匯報訊, 新華社訊, 新华社香港1月16日电, 中新社香港1月16日电, 本报香港1月16日电
const WIRE_LEAD = /^([^\s（(「『“，。]{1,20}?)(?:([報报社台])[訊讯](?!息)|\d日[電电])/u;
// …then the reporters: （記者 馬翠媚）, (记者 孙小红), （记者 陈 然、王 明）
const PAREN_REPORTERS = /^\s*[（(]\s*(?:本[報报])?(?:記者|记者|通訊員|通讯员)\s*([^）)]{1,40})[）)]\s*/u;
// …or 記者李華報道：, 本报记者 王明 香港报道 (the place, if any, is written against 報道)
const REPORTED_BY = /^\s*(?:本[報报])?(?:記者|记者)\s*([^\s：:，。,（(「“][^：:，。,（(「“]{0,29}?)(\s*)(?:報道|报道)\s*[：:]?\s*/u;
// A reporter credit on a line of its own: 本报记者 王明, 香港01記者 陳大文, 記者 陳小明
const REPORTER_LINE = new RegExp(String.raw`^([\p{Script=Han}\dA-Za-z]{0,8}?)(?:記者|记者)\s*(${HAN_NAMES})$`, 'u');
// By Jane Doe and John Roe; by Xinhua writers Wang Ming, Li Hua; By Jane Doe in Hong Kong | China Daily
const EN_BYLINE = new RegExp(
  String.raw`^[Bb]y\s+(?:(?:[A-Z]\p{L}*\s+)?(?:[Ss]taff\s+)?(?:writers?|reporters?|correspondents?)\s+)?(${EN_NAMES})(?:,?\s+in\s+[A-Z][\p{L}.]*(?:\s+[A-Z][\p{L}.]*)*)?(?:\s*[|｜].*)?$`,
  'u',
);
// HONG KONG, Jan 16 (Xinhua) --, HONG KONG, Jan. 16, 2025 (Reuters) -, HONG KONG (AP) —
const EN_DATELINE_LEAD = new RegExp(String.raw`^[A-Z][A-Z.'’ ]*[A-Z.](?:,\s*(${MONTH_EN}\s+\d{1,2}(?:,\s*\d{4})?))?\s*(?:\(([A-Z][^()/]{1,39})\))?\s*(?:--|[-—–])\s+`, 'u');

// Photo credits, at the end of a caption or on a line of their own: 香港文匯報記者黃艾力攝,
// 本報記者 李華 攝, （記者王明攝）, 新华社记者 王明 摄, 新华社发（记者 李华摄）, 新华社发（王明 摄）.
const PHOTO_CREDIT = new RegExp(
  String.raw`[。．.]?\s*(?:[\p{Script=Han}]{1,8}[发發]\s*)?(?:[（(]\s*(?:記者|记者|通訊員|通讯员)?|[\p{Script=Han}\d]{0,8}?(?:記者|记者|攝影|摄影))\s*(${HAN_NAMES})\s*[攝摄]\s*[）)]?\s*$`,
  'u',
);
// (Photo: Lee Wing), [Photo by Jane Doe/China Daily], (Xinhua/Wang Ming), (Photo/Xinhua)
const EN_PHOTO_CREDIT_BRACKETED = /(?:^|\s+)[([]\s*(?:(?:Photos?|Photograph|Picture)(\s+by\s+|\s*[:/]\s*)|(?=[A-Z][\p{L} .&-]{0,30}\/))([^()[\]]+?)\s*[)\]]\s*$/u;
// Photo: Jane Doe, Photo by Jane Doe, Photo: Xinhua/Wang Ming — a line of its own.
const EN_PHOTO_CREDIT_LINE = /^(?:Photos?|Photograph|Picture)(\s+by\s+|\s*:\s*)([^()[\]]+?)$/u;

const TIME = String.raw`\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:HKT|BJT|GMT|UTC))?`;
const WEEKDAY_ZH = '(?:星期|週|周)[一二三四五六日天]';
const HK_TIME = String.raw`香港[時时][間间]\s*\d{1,2}\s*[時时]\s*\d{1,2}\s*分`;
// January 16, 2025; Thursday, January 16, 2025; 16 January 2025; 2025年1月16日 星期四; 2025-01-16 18:30;
// Updated: 2025-01-16; 2025年01月17日08:32 | 来源：人民网－人民日报海外版
const DATELINE = new RegExp(
  String.raw`^(?:(?:Updated|Published|Posted|Date|發佈時間|发布时间|更新時間|更新时间|日期)\s*[:：]\s*)?(?:${WEEKDAY_EN},?\s+)?(?:${DATE_EN}|${DATE_ZH}|${DATE_ISO})(?:\s*${WEEKDAY_ZH})?(?:\s*,?\s*${TIME})?(?:\s*[|｜]?\s*(?:来源|來源|Source)\s*[:：]\s*(.{2,40}))?$`,
  'u',
);
// 人民日报海外版 2025年01月17日 第 04 版
const EDITION_LINE = new RegExp(String.raw`^([\p{Script=Han}]{2,12}?)\s*${DATE_ZH}\s*(?:${WEEKDAY_ZH}\s*)?第\s*\d+\s*版$`, 'u');
const SOURCE_LINE = /^(?:来源|來源|Source)\s*[:：]\s*(.{2,40})$/u;
const FOOTERS = [
  // Ends, Ends/Thursday, January 16, 2025, Enditem, NNNN
  new RegExp(String.raw`^(?:Ends(?:\s*/\s*(?:${WEEKDAY_EN},?\s+)?${DATE_EN})?|ENDS|Enditem|NNNN)$`, 'u'),
  /^Issued at HKT\s*\d{1,2}:\d{2}$/u,
  /^[（(【]?完[）)】]?$/u,
  // 2025年1月16日（星期四）, 香港時間12時30分, or both on one line
  new RegExp(String.raw`^(?:${DATE_ZH}\s*[（(]\s*${WEEKDAY_ZH}\s*[）)])\s*(?:${HK_TIME})?$|^${HK_TIME}$`, 'u'),
  // 《 人民日报海外版 》（ 2025年01月17日   第 04 版）
  new RegExp(String.raw`^《\s*([^》]{2,20}?)\s*》\s*[（(]\s*${DATE_ZH}\s*(?:第\s*\d+\s*版)?\s*[）)]$`, 'u'),
  // （责编：陈羽、王静）
  /^[（(]?\s*(?:责编|責編|责任编辑|責任編輯)\s*[:：][^）)]{1,30}[）)]?$/u,
];
// The end mark written after a report's last sentence: …。（完）
const INLINE_END = /[（(]完[）)]$/u;

const SENTENCE_PUNCT_CJK = /[。，；！？]/;
const THIS_PAPER = /^本[報报]$/u;

function splitNames(names: string): string[] {
  // Latin names keep their inner spaces (Mary Holt); Chinese names are split on spaces too.
  if (!/\p{Script=Han}/u.test(names)) {
    return names
      .split(/\s*(?:,|\band\b|&)\s*/u)
      .map((n) => n.trim())
      .filter((n) => n.length > 0);
  }
  const found: string[] = [];
  // 及 and 和 separate two names, not the characters of one (李和平).
  for (const group of names.split(/[、,，]|(?<=\p{Script=Han}{2})[及和](?=\p{Script=Han}{2})/u)) {
    const parts = group
      .trim()
      .split(/\s+/u)
      .filter((p) => p.length > 0);
    for (let i = 0; i < parts.length; i++) {
      // Two single characters in a row are one name spaced out: 陳 然.
      if (parts[i]!.length === 1 && parts[i + 1]?.length === 1) found.push(parts[i]! + parts[++i]!);
      else found.push(parts[i]!);
    }
  }
  return found;
}

/** The reporters of 記者…報道: the last word is the place when it is written against 報道. */
function reportersOfReportedBy(names: string, spaced: boolean): string[] {
  const words = names.trim().split(/\s+/u);
  // 本报记者 王明 香港报道: the word against 報道 is the place.
  if (!spaced && words.length > 1) return splitNames(words.slice(0, -1).join(' '));
  const reporters = splitNames(names);
  // 記者王明香港報道: a name of four or more characters carries the place at its end.
  const last = reporters[reporters.length - 1];
  if (!spaced && last && last.length >= 4) reporters[reporters.length - 1] = last.slice(0, -2);
  return reporters;
}

function outletOf(name: string): string | undefined {
  const outlet = name.trim();
  return outlet === '' || THIS_PAPER.test(outlet) ? undefined : outlet;
}

interface Byline {
  /** Characters of the line the byline takes. */
  length: number;
  reporters: string[];
  outlet?: string;
}

/** A Chinese byline at the start of `text`: the paper or agency, then the reporters. */
function chineseByline(text: string): Byline | null {
  let length = 0;
  let outlet: string | undefined;
  const bracket = BRACKET_LEAD.exec(text) ?? PAREN_LEAD.exec(text);
  const wire = bracket ? null : WIRE_LEAD.exec(text);
  if (bracket) {
    length = bracket[0].length;
    outlet = outletOf(bracket[1]!);
  } else if (wire) {
    length = wire[0].length;
    // 香港文匯報訊 → 香港文匯報; 新华社香港1月16日电 → 新华社; 本报香港1月16日电 → none.
    outlet = wire[2] ? outletOf(wire[1]! + wire[2]) : outletOf(/^.*?(?:社|[網网])/u.exec(wire[1]!)?.[0] ?? '');
  }
  const rest = text.slice(length);
  const paren = PAREN_REPORTERS.exec(rest);
  if (paren) return { length: length + paren[0].length, reporters: splitNames(paren[1]!.replace(/\s*(?:報道|报道)$/u, '')), outlet };
  const reported = REPORTED_BY.exec(rest);
  if (reported) return { length: length + reported[0].length, reporters: reportersOfReportedBy(reported[1]!, reported[2] !== ''), outlet };
  return length > 0 ? { length: length + (/^\s*/u.exec(rest)?.[0].length ?? 0), reporters: [], outlet } : null;
}

/** A Chinese or English photo credit ending `text`: where it starts and whom it names. */
function photoCredit(text: string): { index: number; photographers: string[] } | null {
  // The credit patterns search the whole line: look at its end first.
  const zh = /[攝摄]\s*[）)]?$/u.test(text) ? PHOTO_CREDIT.exec(text) : null;
  if (zh) return { index: zh.index, photographers: splitNames(zh[1]!) };
  const en = (/[)\]]$/.test(text) ? EN_PHOTO_CREDIT_BRACKETED.exec(text) : null) ?? (/^P/.test(text) ? EN_PHOTO_CREDIT_LINE.exec(text) : null);
  if (!en) return null;
  const [, prefix, credit] = en;
  // Photo by Jane Doe/China Daily: the name comes first; Xinhua/Wang Ming: the agency first;
  // Photo/Xinhua: the agency only.
  const parts = credit!.split('/').map((p) => p.trim());
  const by = prefix?.trim() === 'by';
  const names = parts.length === 1 ? (prefix?.trim() === '/' ? '' : parts[0]!) : by ? parts[0]! : parts.slice(1).join(', ');
  if (names !== '' && !EN_NAMES_ONLY.test(names)) return null;
  const photographers = names === '' ? [] : splitNames(names);
  // Without the word Photo, (Xinhua/Wang Ming) must name people in full, not (HK/China).
  if (prefix === undefined && !photographers.every((p) => p.includes(' '))) return null;
  return { index: en.index, photographers };
}

function isHeadline(text: string): boolean {
  // 他提出三點建議：, 各位嘉賓、各位朋友： — a line announcing what follows is part of the text.
  if (/[：:]$/u.test(text)) return false;
  // 专访…秘书长NAME：让数据“可用不可见”，香港要当好… — a headline quote may hold commas.
  if (/^[^，。：:]{1,40}[：:][^。！？]*$/u.test(text) && text.length <= 60 && /\p{Script=Han}/u.test(text)) return true;
  if (SENTENCE_PUNCT_CJK.test(text)) return false;
  // A line leading into what follows is no headline: 各位嘉賓：, Distinguished guests,
  if (/[:：,;]$/u.test(text)) return false;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (han > 0) return text.length <= 48;
  // A Latin headline: short, no sentence end inside or at the end.
  return text.length <= 120 && !/[.!?]["”’)]?$/.test(text) && !/[.!?]\s+[A-Z]/.test(text);
}

/** The block a whole line makes when it is a dateline, a footer or a credit; null otherwise. */
function lineOfItsOwn(text: string, line: number): Block | null {
  for (const footer of FOOTERS) {
    const m = footer.exec(text);
    if (!m) continue;
    const block: Block = { kind: 'footer', text, line };
    const date = findDate(text);
    if (date) block.date = date;
    if (m[1]) block.outlet = m[1];
    return block;
  }
  const dateline = DATELINE.exec(text) ?? EDITION_LINE.exec(text);
  const source = dateline ?? SOURCE_LINE.exec(text);
  if (source) {
    const block: Block = { kind: 'dateline', text, line };
    const date = dateline ? findDate(text) : null;
    if (date) block.date = date;
    // 来源：人民网－人民日报海外版: the paper, not the website that carries it.
    const outlet = source[1]
      ?.split(/[－—–-]/u)
      .pop()
      ?.trim();
    if (outlet) block.outlet = outlet;
    return block;
  }
  const photo = photoCredit(text);
  if (photo && /^(?:[\p{Script=Han}]{1,8}[发發])?$/u.test(text.slice(0, photo.index).trim())) {
    return { kind: 'credit', text, line, photographers: photo.photographers };
  }
  const english = EN_BYLINE.exec(text);
  if (english) return { kind: 'credit', text, line, reporters: splitNames(english[1]!.trim()) };
  // 本报记者 王明 香港报道 before 本报记者 王明: the place is not a reporter.
  const byline = chineseByline(text);
  if (byline && byline.length === text.length) {
    const block: Block = { kind: 'credit', text, line, reporters: byline.reporters };
    if (byline.outlet) block.outlet = byline.outlet;
    return block;
  }
  const reporter = REPORTER_LINE.exec(text);
  if (reporter) {
    const block: Block = { kind: 'credit', text, line, reporters: splitNames(reporter[2]!) };
    const outlet = outletOf(reporter[1]!);
    if (outlet) block.outlet = outlet;
    return block;
  }
  return null;
}

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  // A paragraph that ends its report (…。（完）) gives a footer after it, on the same line.
  const pushParagraph = (block: Block) => {
    const end = INLINE_END.exec(block.text);
    if (end && end.index > 0) {
      blocks.push({ ...block, text: block.text.slice(0, end.index).trimEnd() });
      blocks.push({ kind: 'footer', text: end[0], line: block.line });
    } else blocks.push(block);
  };
  const lines = source.split('\n');
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const line = index + 1;
    if (text === '' || RULE_LINE.test(text)) return;

    if (CAPTION_MARK.test(text)) {
      const body = text.replace(CAPTION_MARK, '');
      const credit = REPORTER_LINE.exec(body);
      if (credit) {
        blocks.push({ kind: 'credit', text: body, line, reporters: splitNames(credit[2]!) });
        return;
      }
      const photo = photoCredit(body);
      if (photo) {
        // Keep the sentence-final 。 with the caption; drop only the credit.
        let end = photo.index;
        if (/^[。．.]/.test(body.slice(end))) end += 1;
        blocks.push({ kind: 'caption', text: body.slice(0, end).trim(), line, photographers: photo.photographers });
      } else {
        blocks.push({ kind: 'caption', text: body, line });
      }
      return;
    }

    const list = LIST_MARK.exec(text);
    if (list) {
      blocks.push({ kind: 'list-item', text: text.slice(list[0].length), line });
      return;
    }

    const own = lineOfItsOwn(text, line);
    if (own) {
      // A date under a footer belongs to it: 完 / 2025年1月16日 / 香港時間12時30分.
      if (own.kind === 'dateline' && blocks[blocks.length - 1]?.kind === 'footer' && !own.outlet) own.kind = 'footer';
      blocks.push(own);
      return;
    }

    const cjkByline = chineseByline(text);
    if (cjkByline) {
      const rest = text.slice(cjkByline.length);
      if (!isHeadline(rest) || SENTENCE_PUNCT_CJK.test(rest)) {
        const block: Block = { kind: 'paragraph', text: rest, line, byline: { reporters: cjkByline.reporters } };
        if (cjkByline.outlet) block.outlet = cjkByline.outlet;
        pushParagraph(block);
        return;
      }
    }

    const wire = EN_DATELINE_LEAD.exec(text);
    if (wire && (wire[1] || wire[2])) {
      const block: Block = { kind: 'paragraph', text: text.slice(wire[0].length), line, byline: { reporters: [] } };
      if (wire[2]) block.outlet = wire[2].trim();
      blocks.push(block);
      return;
    }

    // A caption without its mark, known by the photo credit ending it.
    const photo = photoCredit(text);
    if (photo && photo.index > 0) {
      let end = photo.index;
      if (/^[。．.]/.test(text.slice(end))) end += 1;
      blocks.push({ kind: 'caption', text: text.slice(0, end).trim(), line, photographers: photo.photographers });
      return;
    }

    if (isHeadline(text)) blocks.push({ kind: 'headline', text, line });
    else pushParagraph({ kind: 'paragraph', text, line });
  });

  // A headline directly above list items is the table's title.
  for (let i = 0; i < blocks.length - 1; i++) {
    if (blocks[i]!.kind === 'headline' && blocks[i + 1]!.kind === 'list-item') blocks[i]!.tableTitle = true;
  }
  return blocks;
}
