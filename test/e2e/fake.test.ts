/** The fake Discord refuses what Discord refuses, so the other tests catch overflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID, FakeDiscord, validateMessage } from './fake-discord.ts';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

const put = (body: unknown) => fetch(`${fake.apiUrl}/v10/applications/${APP_ID}/commands`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the fake Discord', () => {
  it('refuses command definitions that break the naming rules', async () => {
    expect((await put([{ name: 'Ask', description: 'x' }])).status).toBe(400);
    expect((await put([{ name: 'ask me', description: 'x' }])).status).toBe(400);
    expect((await put([{ name: 'ask', description: '' }])).status).toBe(400);
    expect((await put([{ name: 'ask', description: 'x'.repeat(101) }])).status).toBe(400);
    expect(
      (
        await put([
          {
            name: 'ask',
            description: 'x',
            options: [
              { type: 3, name: 'a', description: 'a' },
              { type: 3, name: 'b', description: 'b', required: true },
            ],
          },
        ])
      ).status,
    ).toBe(400);
    expect((await put([{ name: 'ask', description: 'x', name_localizations: { 'zh-HK': '問' } }])).status).toBe(400);
    expect((await put([{ name: 'ask', description: 'x', name_localizations: { 'zh-TW': '提問' } }])).status).toBe(200);
  });

  it('refuses message commands (context menus) as Discord does: a name of 1-32 characters, no description, no options', async () => {
    const menu = { type: 3, name: 'Find in the summit reports' };
    expect((await put([menu])).status).toBe(200);
    // Capitals and spaces are allowed in a menu's name, and it may share a slash command's name.
    expect(
      (
        await put([
          { ...menu, name: 'ask' },
          { name: 'ask', description: 'x' },
        ])
      ).status,
    ).toBe(200);
    expect((await put([{ ...menu, name_localizations: { 'zh-TW': '在峰會報道中查找' } }])).status).toBe(200);
    expect((await put([{ ...menu, name: 'x'.repeat(33) }])).status).toBe(400);
    expect((await put([{ ...menu, name: '' }])).status).toBe(400);
    expect((await put([{ ...menu, name: ' Find' }])).status).toBe(400);
    expect((await put([{ ...menu, description: 'Looks a message up' }])).status).toBe(400);
    expect((await put([{ ...menu, description_localizations: { 'zh-TW': '查找' } }])).status).toBe(400);
    expect((await put([{ ...menu, options: [{ type: 3, name: 'a', description: 'a' }] }])).status).toBe(400);
    expect((await put([{ ...menu, name_localizations: { 'zh-TW': 'x'.repeat(33) } }])).status).toBe(400);
    expect((await put([menu, menu])).status).toBe(400);
    expect((await put(Array.from({ length: 6 }, (_, i) => ({ ...menu, name: `Menu ${i}` })))).status).toBe(400);
  });

  it('refuses an answer to an unknown interaction, and any message over a limit', async () => {
    const callback = (id: string, token: string, body: unknown) =>
      fetch(`${fake.apiUrl}/v10/interactions/${id}/${token}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await callback('1', 'x', { type: 4, data: { content: 'hi' } })).status).toBe(404);
    expect(validateMessage({ content: 'x'.repeat(2001) })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ title: 'x'.repeat(257) }] })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ description: 'x'.repeat(4097) }] })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }] })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ fields: [{ name: 'a', value: 'x'.repeat(1025) }] }] })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ footer: { text: 'x'.repeat(2049) } }] })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })).not.toEqual([]);
    expect(validateMessage({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).not.toEqual([]);
    expect(validateMessage({ embeds: [{ title: 'ok', fields: [{ name: 'a', value: 'b' }] }] })).toEqual([]);
  });
});
