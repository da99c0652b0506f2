/**
 * What Discord can do to a request, end to end against the fake: say the interaction is gone,
 * rate-limit, or never answer. The bot must not answer a dead interaction twice, must log rate
 * limits and hung requests with their route (never an interaction token), and must still get an
 * answer or a clear error to the user inside Discord's window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from './fake-discord.ts';
import { startHarness, str, type Harness } from './harness.ts';

const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
let nextUser = 1;
const userId = () => String(600000000000000000n + BigInt(nextUser++));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const callbacksOf = (i: InteractionRecord) => h.fake.requests.filter((r) => r.path.includes(`/interactions/${i.id}/`));
const lineFor = (i: InteractionRecord, msg = 'interaction') => h.waitForLog((l) => l.msg === msg && l.user === i.payload.member.user.id);

describe('an interaction Discord says is gone', () => {
  for (const [code, status, message] of [
    [10062, 404, 'Unknown interaction'],
    [40060, 400, 'Interaction has already been acknowledged.'],
  ] as const) {
    it(`after ${code} the bot never answers it again, and logs no token`, async () => {
      const fault = h.fake.fault(CALLBACK, { status, body: { code, message } }, 1);
      const i = h.fake.command({ name: 'ask', options: [str('query', '量子')], userId: userId() });
      const line = await lineFor(i);
      expect(fault.hits).toHaveLength(1);
      expect(line.outcome).toBe('gone');
      expect(callbacksOf(i)).toHaveLength(1);
      expect(h.fake.requests.filter((r) => r.path.includes(i.token))).toHaveLength(1);
      expect(h.logs.join('\n')).not.toContain(i.token);
    });
  }

  it('a page button whose update Discord refuses is not answered a second time', async () => {
    const paged = h.fake.command({ name: 'who', options: [str('speaker', '張洪海')], userId: userId() });
    await paged.waitFor(1);
    const next = paged.shown!.components[0].components[1].custom_id as string;
    h.fake.fault(CALLBACK, { status: 404, body: { code: 10062, message: 'Unknown interaction' } }, 1);
    const press = h.fake.press(paged, next, userId());
    const line = await h.waitForLog((l) => l.msg === 'page' && l.user === press.payload.member.user.id);
    expect(line.outcome).toBe('gone');
    expect(callbacksOf(press)).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain(press.token);
  });
});
