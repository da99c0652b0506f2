/** Per-user cooldown, and a failing handler answering with a reference id instead of crashing. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateMessage } from './fake-discord.ts';
import { quotesOf, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ COOLDOWN_SECONDS: '30' });
});
afterAll(async () => {
  await h?.stop();
});

const ask = (userId: string, query = '量子') => h.fake.command({ name: 'ask', userId, options: [{ name: 'query', type: 3, value: query }] });

it('answers a user asking too quickly with an ephemeral note, without blocking other users', async () => {
  const first = ask('100000000000000001');
  await first.waitFor(1);
  expect(first.shown!.flags ?? 0).toBe(0);
  const again = ask('100000000000000001');
  await again.waitFor(1);
  expect(again.shown!.flags).toBe(64);
  expect(again.shown!.embeds[0].description).toMatch(/You are asking quickly: try again in \d+ s\./);
  const other = ask('100000000000000002');
  await other.waitFor(1);
  expect(other.shown!.flags ?? 0).toBe(0);
  expect(quotesOf(other.shown!.embeds[0]).length).toBeGreaterThan(0);
});

it('turns a failure inside a command into an ephemeral apology with a reference id, and keeps running', async () => {
  const index = h.bot.live.index;
  const find = index.find;
  // Simulates a bug: the search throws.
  index.find = () => {
    throw new Error('simulated failure');
  };
  const failing = ask('100000000000000003');
  await failing.waitFor(1);
  index.find = find;
  expect(validateMessage(failing.shown!)).toEqual([]);
  expect(failing.shown!.flags).toBe(64);
  const message = failing.shown!.embeds[0].description as string;
  const ref = /reference ([0-9a-f]{8})/.exec(message)?.[1];
  expect(ref).toBeDefined();
  expect(message).not.toContain('simulated failure');
  const logged = h.logs.map((l) => JSON.parse(l)).find((l) => l.ref === ref);
  expect(logged.err.message).toBe('simulated failure');
  const after = ask('100000000000000004');
  await after.waitFor(1);
  expect(quotesOf(after.shown!.embeds[0]).length).toBeGreaterThan(0);
});
