/** The Discord messages the handlers send: a page of a reply with its buttons, a private note. */
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { t, type Locale } from '../i18n.ts';
import type { Reply } from '../reply.ts';
import { renderPages } from './embeds.ts';
import { pageButtonId } from './pages.ts';

/** Nothing the bot sends may ping anyone: quoted or typed text can hold @everyone or <@id>. */
export const NO_MENTIONS = { parse: [] as [] };

/** One page of a rendered reply; with Previous/Next buttons when it has several and is stored. */
export function pageMessage(embeds: APIEmbed[], page: number, storeId: string | null, locale: Locale) {
  const components: APIActionRowComponent<APIButtonComponent>[] =
    storeId && embeds.length > 1
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `◀ ${t(locale, 'label.previous')}`, custom_id: pageButtonId(storeId, page - 1), disabled: page === 0 },
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: `${t(locale, 'label.next')} ▶`, custom_id: pageButtonId(storeId, page + 1), disabled: page >= embeds.length - 1 },
            ],
          },
        ]
      : [];
  return { embeds: [embeds[page]!], components, allowedMentions: NO_MENTIONS };
}

/** A one-page answer only the asker sees: refusals, cooldown notes. */
export async function replyPrivately(interaction: ChatInputCommandInteraction, reply: Reply, locale: Locale): Promise<void> {
  await interaction.reply({ embeds: renderPages(reply, locale).slice(0, 1), allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}
