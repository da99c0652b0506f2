/** The Discord messages the handlers send: a page of a reply with its buttons, a private note. */
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIComponentInMessageActionRow } from 'discord-api-types/v10';
import type { RepliableInteraction } from 'discord.js';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import { renderPages } from './embeds.ts';
import { contextButtonId } from './context.ts';
import { pageButtonId } from './pages.ts';

/** Nothing the bot sends may ping anyone: quoted or typed text can hold @everyone or <@id>. */
export const NO_MENTIONS = { parse: [] as [] };

export interface PageButtons {
  /** The page shown, of `pages`. */
  page: number;
  pages: number;
  /** The page shows a passage with paragraphs around it: a Context button. */
  context: boolean;
  /** Expired: every button disabled. */
  disabled?: boolean;
}

/** The buttons under a page of a stored reply: Previous and Next when it has pages, Context when it has a passage in running text. */
export function pageButtons(storeId: string, buttons: PageButtons, locale: Locale): APIActionRowComponent<APIButtonComponent>[] {
  const { page, pages, context, disabled = false } = buttons;
  const row: APIButtonComponent[] = [];
  if (pages > 1) {
    row.push(
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `◀ ${t(locale, 'label.previous')}`, custom_id: pageButtonId(storeId, page - 1), disabled: disabled || page === 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${t(locale, 'label.next')} ▶`, custom_id: pageButtonId(storeId, page + 1), disabled: disabled || page >= pages - 1 },
    );
  }
  if (context) row.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: t(locale, 'label.context'), custom_id: contextButtonId(storeId, page), disabled });
  return row.length ? [{ type: ComponentType.ActionRow, components: row }] : [];
}

/** One page of a rendered reply; with its buttons when the reply is stored for them. */
export function pageMessage(embeds: APIEmbed[], page: number, storeId: string | null, locale: Locale, context = false) {
  const components = storeId ? pageButtons(storeId, { page, pages: embeds.length, context }, locale) : [];
  return { embeds: [embeds[page]!], components, allowedMentions: NO_MENTIONS };
}

/** A message's components as they are, every one disabled: what an expired message shows. */
export function disabledComponents(rows: readonly { toJSON(): unknown }[]): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  return rows.map((row) => {
    const json = row.toJSON() as APIActionRowComponent<APIComponentInMessageActionRow>;
    return { ...json, components: json.components.map((c) => ({ ...c, disabled: true })) };
  });
}

/** A one-page answer only the asker sees: refusals, cooldown notes. */
export async function replyPrivately(interaction: RepliableInteraction, reply: Reply, locale: Locale): Promise<void> {
  await interaction.reply({ embeds: renderPages(reply, locale).slice(0, 1), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}
