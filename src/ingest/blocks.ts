/**
 * First pass over a page: each non-empty line becomes a block of one kind. A newspaper page has
 * no markup, so the kind comes from the conventions papers share: a caption opens with ● or ■,
 * a byline with 「…訊（記者 …）」 or 【本報訊】, a list item with "- ", a dateline is a line holding
 * only a date (January 16, 2025, 2025年1月16日) or the page's date and source
 * (2025年01月17日08:32 | 来源：人民网－人民日报海外版), a footer closes a report or a press release
 * (完, （完）, Ends/Thursday, January 16, 2025, Issued at HKT 12:30, NNNN,
 * 2025年1月16日（星期四）香港時間12時30分, 《人民日报海外版》（…第 4 版）, （责编：…）), and a
 * headline is a short line with no sentence punctuation. A line of rules only (＊＊＊＊, ----)
 * carries nothing and is skipped.
 */
import { DATE_EN, DATE_ISO, DATE_ZH, WEEKDAY_EN, findDate } from '../text/dates.ts';

export type BlockKind = 'headline' | 'caption' | 'credit' | 'dateline' | 'footer' | 'list-item' | 'paragraph';

export interface Block {
  kind: BlockKind;
  /** The line's text without its marker (●, "- ") or byline, verbatim otherwise. */
  text: string;
  /** 1-based line number in the source. */
  line: number;
  /** Set on a paragraph that opens with a byline: the reporters it names (may be empty). */
  byline?: { reporters: string[] };
  /** Photographers credited at the end of a caption (…記者黃艾力攝). */
  photographers?: string[];
  /** Reporters named by a credit line (●香港文匯報記者 馬翠媚). */
  reporters?: string[];
  /** The paper a source line names (来源：人民日报海外版, 《人民日报海外版》（…版）). */
  outlet?: string;
  /** ISO date of a dateline or a footer that gives one. */
  date?: string;
  /** True when the headline is followed by list items: the title of a table. */
  tableTitle?: boolean;
}

const CAPTION_MARK = /^[●■▲◆▼★]\s*/;
const LIST_MARK = /^(?:[-*•・]|\d{1,2}[.、)）])\s+/;
const RULE_LINE = /^[\p{P}\p{S}\s]+$/u;
// 香港文匯報訊（記者 馬翠媚）, 新華社香港1月16日電（記者 王明）, 【本報訊】（記者 李華）, 【本报讯】
const CJK_BYLINE =
  /^(?:【[^】\n]{1,16}[訊讯電电]】|[（(][^）)\n]{2,12}(?:報道|报道|專訊|专讯)[）)]|[^\s（(「『“，。]{1,20}?(?:[報报社台][訊讯]|日[電电]))\s*(?:[（(]\s*(?:本[報报])?(?:記者|记者|通訊員|通讯员)\s*([^）)]{1,40})[）)])?\s*/;
const EN_BYLINE = /^By\s+((?:[A-Z][\p{L}.'’-]*\s*){1,4}(?:(?:,|and)\s*(?:[A-Z][\p{L}.'’-]*\s*){1,4})*)$/u;
// …香港文匯報記者黃艾力攝 / 本報記者 李華 攝 / （記者王明攝） / Photo: Jane Doe
const PHOTO_CREDIT =
  /[。．.]?\s*[（(]?\s*(?:[\p{Script=Han}]{0,8}?(?:記者|记者|攝影|摄影))\s*([\p{Script=Han}]{2,4}(?:[、及和][\p{Script=Han}]{2,4})*)\s*[攝摄][）)]?\s*$/u;
const EN_PHOTO_CREDIT = /\s*\((?:Photo|Photograph|Picture)(?: by)?:?\s*([^)]+)\)\s*$/i;
// ●香港文匯報記者 馬翠媚 — a credit line, not a caption.
const REPORTER_CREDIT = /^[\p{Script=Han}]{0,8}?(?:記者|记者)\s*([\p{Script=Han}]{2,4}(?:[、及和\s][\p{Script=Han}]{2,4})*)\s*$/u;

const TIME = String.raw`\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:HKT|BJT|GMT|UTC))?`;
const WEEKDAY_ZH = String.raw`(?:星期|週|周)[一二三四五六日天]`;
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

function splitNames(names: string): string[] {
  // Latin names keep their inner spaces (Mary Holt); Chinese names are split on spaces too.
  const separators = /\p{Script=Han}/u.test(names) ? /[、,，及和\s]+/u : /\s*(?:,|\band\b|&)\s*/u;
  return names
    .split(separators)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
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

/** The block a whole line makes when it is a dateline or a footer; null otherwise. */
function datelineOrFooter(text: string, line: number): Block | null {
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
    const outlet = source[1]?.split(/[－—–-]/u).pop()?.trim();
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
      const credit = REPORTER_CREDIT.exec(body);
      if (credit) {
        blocks.push({ kind: 'credit', text: body, line, reporters: splitNames(credit[1]!) });
        return;
      }
      const photo = PHOTO_CREDIT.exec(body) ?? EN_PHOTO_CREDIT.exec(body);
      if (photo) {
        // Keep the sentence-final 。 with the caption; drop only the credit.
        let end = photo.index;
        if (/^[。．.]/.test(body.slice(end))) end += 1;
        blocks.push({ kind: 'caption', text: body.slice(0, end).trim(), line, photographers: splitNames(photo[1]!) });
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

    const own = datelineOrFooter(text, line);
    if (own) {
      // A date under a footer belongs to it: 完 / 2025年1月16日 / 香港時間12時30分.
      if (own.kind === 'dateline' && blocks[blocks.length - 1]?.kind === 'footer' && !own.outlet) own.kind = 'footer';
      blocks.push(own);
      return;
    }

    const enByline = EN_BYLINE.exec(text);
    if (enByline) {
      blocks.push({ kind: 'credit', text, line, reporters: splitNames(enByline[1]!.trim()) });
      return;
    }

    const cjkByline = CJK_BYLINE.exec(text);
    if (cjkByline && cjkByline[0].length < text.length) {
      const rest = text.slice(cjkByline[0].length);
      if (!isHeadline(rest) || SENTENCE_PUNCT_CJK.test(rest)) {
        pushParagraph({
          kind: 'paragraph',
          text: rest,
          line,
          byline: { reporters: cjkByline[1] ? splitNames(cjkByline[1]) : [] },
        });
        return;
      }
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
