/**
 * First pass over a page: each non-empty line becomes a block of one kind. A newspaper page has
 * no markup, so the kind comes from the conventions papers share: a caption opens with ● or ■,
 * a byline with 「…訊（記者 …）」 or 【本報訊】, a list item with "- ", and a headline is a short
 * line with no sentence punctuation.
 */

export type BlockKind = 'headline' | 'caption' | 'credit' | 'list-item' | 'paragraph';

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
  /** True when the headline is followed by list items: the title of a table. */
  tableTitle?: boolean;
}

const CAPTION_MARK = /^[●■▲◆▼★]\s*/;
const LIST_MARK = /^(?:[-*•・]|\d{1,2}[.、)）])\s+/;
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
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  if (han > 0) return text.length <= 48;
  // A Latin headline: short, no sentence end inside or at the end.
  return text.length <= 120 && !/[.!?]["”’)]?$/.test(text) && !/[.!?]\s+[A-Z]/.test(text);
}

export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.split('\n');
  lines.forEach((raw, index) => {
    const text = raw.trim();
    const line = index + 1;
    if (text === '') return;

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

    const enByline = EN_BYLINE.exec(text);
    if (enByline) {
      blocks.push({ kind: 'credit', text, line, reporters: splitNames(enByline[1]!.trim()) });
      return;
    }

    const cjkByline = CJK_BYLINE.exec(text);
    if (cjkByline && cjkByline[0].length < text.length) {
      const rest = text.slice(cjkByline[0].length);
      if (!isHeadline(rest) || SENTENCE_PUNCT_CJK.test(rest)) {
        blocks.push({
          kind: 'paragraph',
          text: rest,
          line,
          byline: { reporters: cjkByline[1] ? splitNames(cjkByline[1]) : [] },
        });
        return;
      }
    }

    blocks.push({ kind: isHeadline(text) ? 'headline' : 'paragraph', text, line });
  });

  // A headline directly above list items is the table's title.
  for (let i = 0; i < blocks.length - 1; i++) {
    if (blocks[i]!.kind === 'headline' && blocks[i + 1]!.kind === 'list-item') blocks[i]!.tableTitle = true;
  }
  return blocks;
}
