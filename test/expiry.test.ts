/**
 * Disabling the buttons of replies when they expire: one queue, at a bounded rate, before the
 * token dies, never in the way of answers; and what it keeps at the rate the bot is built for.
 * The test's own clock and timers stand for the 15 minutes.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/log.ts';
import { ButtonExpiry, DISABLE_EDITS_PER_SECOND, TOKEN_LIFE_MS } from '../src/discord/expiry.ts';
import { pageButtons } from '../src/discord/messages.ts';
import { PAGE_TTL_MS, PageStore, pageHasContext, type ShownButtons } from '../src/discord/pages.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc!();
  return process.memoryUsage().heapUsed;
};

function harness(options: { ttlMs?: number; busy?: () => boolean; failing?: boolean } = {}) {
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const store = new PageStore(options.ttlMs ?? PAGE_TTL_MS, () => Date.now());
  const edits: { token: string; at: number; components: any[] }[] = [];
  const expiry = new ButtonExpiry({
    ttlMs: options.ttlMs ?? PAGE_TTL_MS,
    logger: createLogger('info', sink),
    disabled: (id, shown) => pageButtons(id, { page: shown.page, pages: shown.pages, context: pageHasContext(shown.contextPages, shown.page), disabled: true }, shown.locale),
    edit: async (token, components) => {
      edits.push({ token, at: Date.now(), components });
      if (options.failing) throw new Error('404 Unknown Webhook');
    },
    ...(options.busy ? { busy: options.busy } : {}),
  });
  const reply = (n: number, pages = 3) => {
    const id = store.put({ command: 'ask', options: { query: `q${n}` }, locale: 'zh-TW', tookMs: 3, pages, generation: 1, contextPages: 0b101 });
    return { id, token: `token-${n}`, shown: store.buttons(id)! };
  };
  return { logs, store, edits, expiry, reply };
}

describe('disabling expired buttons', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('edits each reply once, when its buttons expire, with every button disabled as its page shows them', async () => {
    const { expiry, reply, store, edits, logs } = harness({ ttlMs: 60_000 });
    const a = reply(1);
    expiry.schedule(a.id, a.token, a.shown);
    await vi.advanceTimersByTimeAsync(10_000);
    const b = reply(2);
    expiry.schedule(b.id, b.token, b.shown);
    // The first reply's reader turned to its last page: that page has no Context passage.
    store.showing(a.id, 1);
    await vi.advanceTimersByTimeAsync(49_999);
    expect(edits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(edits.map((e) => e.token)).toEqual(['token-1']);
    const [row] = edits[0]!.components;
    expect(row.components.map((c: any) => [c.label, c.disabled, c.custom_id])).toEqual([
      ['◀ 上一頁', true, `page:${a.id}:0`],
      ['下一頁 ▶', true, `page:${a.id}:2`],
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(edits.map((e) => [e.token, e.at - 1_000_000])).toEqual([
      ['token-1', 60_000],
      ['token-2', 70_000],
    ]);
    expect(edits[1]!.components[0].components.map((c: any) => c.label)).toEqual(['◀ 上一頁', '下一頁 ▶', '上下文']);
    expect(logs.filter((l) => l.msg === 'buttons expired').map((l) => l.reply)).toEqual([a.id, b.id]);
    expect(expiry.size).toBe(0);
  });

  it('with the full 15 minutes, edits 30 s before the token dies', async () => {
    const { expiry, reply, edits } = harness();
    const a = reply(1);
    expiry.schedule(a.id, a.token, a.shown);
    await vi.advanceTimersByTimeAsync(TOKEN_LIFE_MS - 30_001);
    expect(edits).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(edits).toHaveLength(1);
  });

  it(`takes at most ${DISABLE_EDITS_PER_SECOND} replies a second (a burst of twice that), and logs the rest, left to be disabled when pressed`, async () => {
    const { expiry, reply, edits, logs } = harness({ ttlMs: 60_000 });
    let taken = 0;
    // 50 replies a second for 20 seconds.
    for (let n = 0; n < 1000; n++) {
      const r = reply(n);
      if (expiry.schedule(r.id, r.token, r.shown)) taken++;
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(taken).toBeGreaterThanOrEqual(DISABLE_EDITS_PER_SECOND * 20);
    expect(taken).toBeLessThanOrEqual(DISABLE_EDITS_PER_SECOND * 22);
    expect(logs.find((l) => l.skipped > 0)).toMatchObject({ perSecond: DISABLE_EDITS_PER_SECOND });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(edits).toHaveLength(taken);
    // In any second, never more than the burst plus a second's rate; over the run, the rate.
    for (const edit of edits) {
      const within = edits.filter((e) => e.at >= edit.at && e.at < edit.at + 1000).length;
      expect(within).toBeLessThanOrEqual(DISABLE_EDITS_PER_SECOND * 3);
    }
    const span = (edits.at(-1)!.at - edits[0]!.at) / 1000;
    expect(edits.length).toBeLessThanOrEqual(DISABLE_EDITS_PER_SECOND * (span + 2) + 1);
  });

  it('waits while the requests to Discord are short, and drops an edit the token would no longer allow', async () => {
    let busy = true;
    const { expiry, reply, edits, logs } = harness({ busy: () => busy });
    const a = reply(1);
    expiry.schedule(a.id, a.token, a.shown);
    await vi.advanceTimersByTimeAsync(TOKEN_LIFE_MS - 10_000);
    // Due at 14:30, still waiting at 14:50: answers to users came first.
    expect(edits).toHaveLength(0);
    expect(expiry.size).toBe(1);
    await vi.advanceTimersByTimeAsync(6_000);
    busy = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(edits).toHaveLength(0);
    expect(expiry.size).toBe(0);
    expect(logs.find((l) => l.reply === a.id && /can no longer be edited/.test(l.msg))).toBeDefined();
  });

  it('logs an edit Discord refuses (the reply was deleted), and stops when the bot stops', async () => {
    const { expiry, reply, edits, logs } = harness({ ttlMs: 1000, failing: true });
    const a = reply(1);
    const b = reply(2);
    expiry.schedule(a.id, a.token, a.shown);
    await vi.advanceTimersByTimeAsync(1000);
    expect(edits).toHaveLength(1);
    expect(logs.find((l) => l.reply === a.id && l.level === 40)!.err.message).toContain('Unknown Webhook');
    expiry.schedule(b.id, b.token, b.shown);
    expect(expiry.stop()).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(edits).toHaveLength(1);
    expect(expiry.schedule(b.id, b.token, b.shown)).toBe(false);
  });
});

describe('what replies with buttons keep', () => {
  it('15 minutes at 50 a second: the page store and the expiry queue together within the 16 MB budget', () => {
    let now = 0;
    const store = new PageStore(PAGE_TTL_MS, () => now);
    const expiry = new ButtonExpiry({ ttlMs: PAGE_TTL_MS, now: () => now, logger: createLogger('silent'), disabled: () => [], edit: async () => {} });
    const perSecond = 50;
    const total = (PAGE_TTL_MS / 1000) * perSecond; // 45,000
    const before = heap();
    const ids: string[] = [];
    let queued = 0;
    for (let n = 0; n < total; n++) {
      const id = store.put({ command: 'ask', options: { query: `數據跨境 流動 ${n}` }, locale: 'zh-TW', tookMs: 3, pages: 5, generation: 1, contextPages: 1 });
      ids.push(id);
      // A real interaction token is about 200 characters.
      const token = `aW50ZXJhY3Rpb246${String(n).padStart(18, '0')}${'x'.repeat(170)}`;
      if (expiry.schedule(id, token, store.buttons(id) as ShownButtons)) queued++;
      now += 1000 / perSecond;
    }
    const bytes = heap() - before - ids.length * 40;
    console.log(`replies with buttons: ${(bytes / total).toFixed(0)} bytes each with the queue, ${(bytes / 1048576).toFixed(1)} MB for ${total}; ${queued} in the expiry queue`);
    expect(store.size).toBe(total);
    // The queue holds what 5 edits a second for 15 minutes can send, not every reply.
    expect(queued).toBeLessThanOrEqual((PAGE_TTL_MS / 1000) * DISABLE_EDITS_PER_SECOND + DISABLE_EDITS_PER_SECOND * 2);
    expect(expiry.size).toBe(queued);
    expect(bytes).toBeLessThan(16 * 1048576);
    expiry.stop();
  });
});
