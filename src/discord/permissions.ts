/**
 * Who may run a moderator command (/reload, /corpus) or press its buttons. Discord hides the
 * command from members without Manage Server, but admins can change that per server: the bot
 * checks again on every interaction, and only in the admin guild.
 */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Interaction } from 'discord.js';

export function isModerator(interaction: Interaction, adminGuildId: string | undefined): boolean {
  return interaction.inGuild() && interaction.guildId === adminGuildId && Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
}
