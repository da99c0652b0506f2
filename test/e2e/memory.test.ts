/**
 * Memory the bot keeps for the people who use it, end to end: discord.js caches no user or
 * member of those who ask, and page buttons keep only what recomputes a page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_ID, type InteractionRecord } from './fake-discord.ts';
import { corpusWithSpeech } from '../helpers.ts';
import { MANAGE_GUILD, startHarness, str, type Harness } from './harness.ts';

const userId = (n: number) => String(700000000000000000n + BigInt(n));

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ CORPUS_DIR: corpusWithSpeech() });
});
afterAll(async () => {
  await h?.stop();
});

describe('caches', () => {
  it('keeps no user or member of the 300 people who asked, only its own', async () => {
    const asked: InteractionRecord[] = [];
    for (let n = 0; n < 300; n++) {
      asked.push(h.fake.command({ name: 'ask', options: [str('query', '量子')], userId: userId(n) }));
      if (n % 50 === 49) await Promise.all(asked.map((i) => i.waitFor(1)));
    }
    await Promise.all(asked.map((i) => i.waitFor(1)));
    const { client } = h.bot;
    expect([...client.users.cache.keys()].filter((id) => id !== BOT_ID)).toEqual([]);
    for (const guild of client.guilds.cache.values()) expect([...guild.members.cache.keys()].filter((id) => id !== BOT_ID)).toEqual([]);
    // What the bot needs is still there.
    expect(client.guilds.cache.size).toBe(2);
  });
});

describe('page buttons', () => {
  it('page through a reply computed again; after a reload they say the reports changed', async () => {
    const i = h.fake.command({ name: 'who', options: [str('speaker', 'Alfred Leung')], userId: userId(1000) });
    await i.waitFor(1);
    const [, next] = i.shown!.components[0].components;
    const press = h.fake.press(i, next.custom_id);
    const [update] = await press.waitFor(1);
    expect(update!.type).toBe(7);
    expect(update!.data.embeds[0].footer.text).toContain('page 2 of');

    const reload = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: userId(1001) });
    await reload.waitFor(2);
    const late = h.fake.press(i, next.custom_id);
    const [answer] = await late.waitFor(1);
    expect(answer!.data.flags).toBe(64);
    expect(answer!.data.content).toBe('The reports were reloaded since these results; run the command again.');
  });
});
