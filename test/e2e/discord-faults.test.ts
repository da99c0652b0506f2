/**
 * What Discord can do to a request, end to end against the fake: say the interaction is gone,
 * rate-limit, or never answer. The bot must not answer a dead interaction twice, must log rate
 * limits and hung requests with their route (never an interaction token), and must still get an
 * answer or a clear error to the user inside Discord's window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from './fake-discord.ts';
import { corpusWithSpeech } from '../helpers.ts';
import { MANAGE_GUILD, startHarness, str, type Harness } from './harness.ts';

const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
let nextUser = 1;
const userId = () => String(600000000000000000n + BigInt(nextUser++));

let h: Harness;
beforeAll(async () => {
  // Requests Discord does not answer are abandoned after 1 s here (10 s by default).
  h = await startHarness({ DISCORD_REQUEST_TIMEOUT_SECONDS: '1', CORPUS_DIR: corpusWithSpeech() });
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
    const paged = h.fake.command({ name: 'who', options: [str('speaker', 'Alfred Leung')], userId: userId() });
    await paged.waitFor(1);
    const next = paged.shown!.components[0].components[1].custom_id as string;
    h.fake.fault(CALLBACK, { status: 404, body: { code: 10062, message: 'Unknown interaction' } }, 1);
    const press = h.fake.press(paged, next);
    const line = await h.waitForLog((l) => l.msg === 'page' && l.user === press.payload.member.user.id);
    expect(line.outcome).toBe('gone');
    expect(callbacksOf(press)).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain(press.token);
  });
});

describe('rate limits', () => {
  it('a 429 on the first answer is waited out, logged with its route and wait, and charged to the interaction', async () => {
    const fault = h.fake.fault(CALLBACK, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.5, global: false }, retryAfterSeconds: 0.5 }, 1);
    const i = h.fake.command({ name: 'ask', options: [str('query', '量子')], userId: userId() });
    const [answer] = await i.waitFor(1, 3000);
    expect(fault.hits).toHaveLength(1);
    expect(answer!.type).toBe(4);
    const line = await lineFor(i);
    expect(line.outcome).toBe('ok');
    expect(line.rateLimitedMs).toBeGreaterThanOrEqual(500);
    const limited = await h.waitForLog((l) => l.msg === 'rate limited' && l.url.includes(`/interactions/${i.id}/`));
    expect(limited).toMatchObject({ method: 'POST', route: '/interactions/:id/:token/callback', scope: 'user' });
    expect(limited.waitMs).toBeGreaterThanOrEqual(500);
    expect(h.logs.join('\n')).not.toContain(i.token);
  });
});

describe('a request Discord never answers', () => {
  it('the first answer is tried again within the 3 s and arrives', async () => {
    const fault = h.fake.fault(CALLBACK, { hang: true }, 1);
    const i = h.fake.command({ name: 'ask', options: [str('query', '量子')], userId: userId() });
    const [answer] = await i.waitFor(1, 3500);
    expect(fault.hits).toHaveLength(1);
    expect(answer!.type).toBe(4);
    expect(answer!.at - i.sentAt).toBeLessThan(3000);
    expect((await lineFor(i)).outcome).toBe('ok');
    const timedOut = await h.waitForLog((l) => l.msg === 'Discord did not answer in time' && l.url.includes(`/interactions/${i.id}/`));
    expect(timedOut.method).toBe('POST');
    expect(timedOut.afterMs).toBeLessThanOrEqual(1250);
    expect(h.logs.join('\n')).not.toContain(i.token);
  });

  it('an edit that never gets through: the user is told in a follow-up within seconds, the log says what hung', async () => {
    const fault = h.fake.fault(/^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/, { hang: true });
    try {
      const i = h.fake.command({ name: 'reload', permissions: MANAGE_GUILD, userId: userId() });
      const responses = await i.waitFor(2, 8000);
      expect(fault.hits).toHaveLength(2); // tried, and tried once more
      expect(responses[0]).toMatchObject({ kind: 'callback', type: 5 });
      expect(responses[1]).toMatchObject({ kind: 'followup', data: { flags: 64 } });
      expect(responses[1]!.data.content).toMatch(/^Discord did not take the answer in time \(reference \w+\)/);
      const line = await lineFor(i);
      expect(line.outcome).toBe('discord_timeout');
      const logs = h.logs.join('\n');
      expect(logs).toContain('Discord did not answer PATCH /api/v10/webhooks/');
      expect(logs).not.toContain('This operation was aborted');
      expect(logs).not.toContain(i.token);
    } finally {
      fault.remove();
    }
  });
});
