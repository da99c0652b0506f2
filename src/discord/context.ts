/**
 * The Context button of a reply: a passage with the paragraph before and the paragraph after it
 * in its report, shown to the asker alone.
 *
 * Why a button that answers with a select menu, and not a select menu on the reply itself: a
 * select on a public reply would sit under every answer, large, in everyone's view, for a thing
 * only the asker may use; and Discord keeps a select's chosen option on screen after the answer,
 * so choosing the same passage a second time sends nothing. A button is one small control
 * beside Previous and Next. Pressed on a page with one passage in running text, it shows that
 * passage's context at once; with several, it answers (ephemerally) with a select of the page's
 * passages by their number, and each choice replaces that private message with the chosen
 * passage's context, the select kept under it to choose another.
 *
 * Nothing more is stored for this than for the page buttons: both ids name the stored reply and
 * the page, and the passages are those of that page computed again, from the same corpus.
 */
import { ComponentType, type APIActionRowComponent, type APIStringSelectComponent } from 'discord-api-types/v10';
import type { Command } from '../../commands/define.ts';
import { runCommand } from '../../commands/index.ts';
import { hasContext } from '../corpus/context.ts';
import { t, type Locale } from '../i18n.ts';
import type { NumberedPassage } from '../render/layout.ts';
import type { Reply } from '../reply.ts';
import type { SearchIndex } from '../search/index.ts';
import { LIMITS, cut } from './limits.ts';

export type ComponentKind = 'page' | 'context' | 'pick';

/** custom_id of a Context button: `context:<store id>:<page index>`. */
export function contextButtonId(id: string, page: number): string {
  return `context:${id}:${page}`;
}

/** custom_id of a select of passages: `context-pick:<store id>:<page index>:<select index>`. */
export function contextPickId(id: string, page: number, select: number): string {
  return `context-pick:${id}:${page}:${select}`;
}

/** What a pressed component of a stored reply names; custom_id comes back as sent, but is read as user input. */
export function parseComponentId(customId: string): { kind: ComponentKind; id: string; page: number } | null {
  const m = /^(page|context|context-pick):([\w-]{1,20}):(\d{1,4})(?::\d)?$/.exec(customId);
  if (!m) return null;
  const kind: ComponentKind = m[1] === 'page' ? 'page' : m[1] === 'context' ? 'context' : 'pick';
  return { kind, id: m[2]!, page: Number(m[3]) };
}

/** The passages of a page that have paragraphs around them, in the page's order. */
export function contextual(items: NumberedPassage[]): NumberedPassage[] {
  return items.filter((item) => hasContext(item.quote.passage));
}

const OPTIONS_PER_SELECT = 25;

/**
 * Selects of a page's passages, by number and speaker, the start of each quote below; 25 to a
 * select (Discord's most), so a page of many short quotes gets a second one. `chosen` is shown
 * as selected.
 */
export function pickComponents(id: string, page: number, items: NumberedPassage[], chosen: number | null, locale: Locale): APIActionRowComponent<APIStringSelectComponent>[] {
  const rows: APIActionRowComponent<APIStringSelectComponent>[] = [];
  for (let i = 0; i < items.length && rows.length < 5; i += OPTIONS_PER_SELECT) {
    const group = items.slice(i, i + OPTIONS_PER_SELECT);
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: contextPickId(id, page, rows.length),
          placeholder: cut(group.length === items.length ? t(locale, 'context.placeholder') : `${t(locale, 'context.placeholder')} (${group[0]!.n}–${group[group.length - 1]!.n})`, 150),
          min_values: 1,
          max_values: 1,
          options: group.map((item) => ({
            label: cut(`${item.n}. ${item.quote.speaker?.name ?? t(locale, 'label.narrative')}`, LIMITS.choiceName),
            value: String(item.n),
            description: cut(item.quote.passage.text.replace(/\s+/g, ' '), LIMITS.choiceName),
            default: item.n === chosen,
          })),
        },
      ],
    });
  }
  return rows;
}

/** The passage in its report, as /context answers it, titled with its number in the answer. */
export async function contextReply(commands: readonly Command[], item: NumberedPassage, index: SearchIndex, locale: Locale, onError?: (error: unknown, ref: string) => void): Promise<Reply> {
  const reply = await runCommand(commands, 'context', { passage: item.quote.passage.id }, { index, locale }, onError);
  return reply.ok ? { ...reply, title: t(locale, 'title.context.n', { n: item.n }) } : reply;
}
