/**
 * Layout repair. Print layout breaks paragraphs: the second half may follow straight on, or sit
 * after a photo caption and a photo headline. A paragraph that stops without sentence-final
 * punctuation is joined with the next paragraph when
 * - only blank lines, captions or photo credits lie between them, or
 * - headlines lie between too, but the first half leaves a bracket open (《關…) that the second
 *   half closes (…備忘錄》) — the one case where crossing a headline is safe.
 * A byline, a list, a footer or the end of the page in between means the page cut the paragraph
 * off: it stays as it is and is flagged truncated. Characters are never changed; two Han halves
 * join with nothing between them, two Latin halves with one space.
 */
import type { Block } from './blocks.ts';

const FINISHED = /[。！？!?…．.」』”"’）)】:：]$/u;
const PAIRS: Record<string, string> = { '《': '》', '「': '」', '『': '』', '（': '）', '(': ')', '【': '】', '〈': '〉', '“': '”' };

export interface RepairedBlock extends Block {
  /** Set when the page cut the paragraph off mid-sentence. */
  truncated?: true;
  /** Lines of the halves that were joined into this paragraph. */
  joinedLines?: number[];
}

function unclosedOpeners(text: string): string[] {
  const stack: string[] = [];
  for (const ch of text) {
    if (ch in PAIRS) stack.push(ch);
    else {
      const top = stack[stack.length - 1];
      if (top !== undefined && PAIRS[top] === ch) stack.pop();
    }
  }
  return stack;
}

/** True when `text` closes `opener` before opening another of its kind. */
function closes(text: string, opener: string): boolean {
  const closer = PAIRS[opener]!;
  const c = text.indexOf(closer);
  if (c < 0) return false;
  const o = text.indexOf(opener);
  return o < 0 || c < o;
}

function joiner(left: string, right: string): string {
  return /[\p{Script=Latin}\d,;]$/u.test(left) && /^[\p{Script=Latin}\d(]/u.test(right) ? ' ' : '';
}

export function repairLayout(input: Block[]): RepairedBlock[] {
  const blocks: (RepairedBlock | null)[] = input.map((b) => ({ ...b }));
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block?.kind !== 'paragraph') continue;
    while (!FINISHED.test(block.text)) {
      const open = unclosedOpeners(block.text);
      let crossedHeadline = false;
      let next = -1;
      for (let j = i + 1; j < blocks.length; j++) {
        const candidate = blocks[j];
        if (!candidate) continue;
        // A photo credit goes with its caption.
        if (candidate.kind === 'caption' || (candidate.kind === 'credit' && candidate.photographers)) continue;
        if (candidate.kind === 'headline' && !candidate.tableTitle) {
          crossedHeadline = true;
          continue;
        }
        if (candidate.kind === 'paragraph' && !candidate.byline) next = j;
        break;
      }
      const continuation = next >= 0 ? blocks[next]! : null;
      const joinable = continuation !== null && (!crossedHeadline || open.some((opener) => closes(continuation.text, opener)));
      if (!joinable) {
        block.truncated = true;
        break;
      }
      block.joinedLines = [...(block.joinedLines ?? [block.line]), continuation.line];
      block.text = block.text + joiner(block.text, continuation.text) + continuation.text;
      blocks[next] = null;
    }
  }
  return blocks.filter((b): b is RepairedBlock => b !== null);
}
