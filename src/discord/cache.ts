/**
 * What discord.js keeps in memory. By default it caches every user and member who ever sent an
 * interaction, forever (about 0.8 KB each): a bot answering a large community grows without
 * bound. This one reads everything it needs from the interaction itself (the user's id and
 * locale, the member's permissions), so it keeps no user, member, message, presence or emoji at
 * all — except its own user and member. Guilds, channels and roles stay: discord.js needs them,
 * and they grow with the servers, not with the users.
 */
import { Options, type CacheFactory } from 'discord.js';

const itsOwn = { maxSize: 0, keepOverLimit: (value: { id: string; client: { user: { id: string } | null } }) => value.id === value.client.user?.id };

export function cacheSettings(): CacheFactory {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    UserManager: itsOwn,
    GuildMemberManager: itsOwn,
    MessageManager: 0,
    PresenceManager: 0,
    VoiceStateManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    GuildBanManager: 0,
    GuildInviteManager: 0,
    StageInstanceManager: 0,
    ThreadManager: 0,
    ThreadMemberManager: 0,
    AutoModerationRuleManager: 0,
    ApplicationCommandManager: 0,
    EntitlementManager: 0,
  } as Parameters<typeof Options.cacheWithLimits>[0]);
}
