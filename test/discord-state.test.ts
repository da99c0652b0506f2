/**
 * What the bot keeps between interactions, measured: page state for 15 minutes at the stated
 * rate, and the cooldown. A clock of the test's own stands for the 15 minutes.
 */
import { describe, expect, it } from 'vitest';
import { Cooldown } from '../src/discord/cooldown.ts';
import { PAGE_TTL_MS, PageStore } from '../src/discord/pages.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc!();
  return process.memoryUsage().heapUsed;
};

describe('page buttons', () => {
  it('work for 15 minutes at 50 paged replies a second, in a few megabytes', () => {
    let now = 0;
    const store = new PageStore(PAGE_TTL_MS, () => now);
    const perSecond = 50;
    const total = (PAGE_TTL_MS / 1000) * perSecond; // 45,000
    const queries = ['數據跨境 流動', '量子技术市场', 'What did CY Leung say about privacy?', '人工智能'];
    const before = heap();
    const ids: string[] = [];
    for (let n = 0; n < total; n++) {
      // Options as a handler gets them: strings of their own, not shared literals.
      const query = `${queries[n % queries.length]} ${n}`;
      ids.push(store.put({ command: 'ask', options: { query }, locale: 'zh-TW', tookMs: 3, pages: 5, generation: 1 }));
      now += 1000 / perSecond;
    }
    const bytes = heap() - before - ids.length * 40; // what the test keeps: the ids
    expect(store.size).toBe(total);
    console.log(`page state: ${(bytes / total).toFixed(0)} bytes per entry, ${(bytes / 1048576).toFixed(1)} MB for ${total}`);
    // The first reply's buttons still work just before its 15 minutes are up …
    now = PAGE_TTL_MS - 1;
    expect(store.get(ids[0]!)).toMatchObject({ command: 'ask', options: { query: `${queries[0]} 0` }, locale: 'zh-TW', pages: 5 });
    expect(store.get(ids[total - 1]!)).not.toBeNull();
    // … and say expired after them.
    now = PAGE_TTL_MS + 1;
    expect(store.get(ids[0]!)).toBeNull();
    expect(store.get(ids[total - 1]!)).not.toBeNull();
    // The stated budget: 16 MB for the 45,000 entries (about 225 bytes each when measured).
    expect(bytes / total).toBeLessThan((16 * 1048576) / total);
    now = 2 * PAGE_TTL_MS + 1;
    store.sweep();
    expect(store.size).toBe(0);
  });
});

describe('cooldown', () => {
  it('remembers a user only while their cooldown runs', () => {
    let now = 0;
    const cooldown = new Cooldown(2000, () => now);
    for (let n = 0; n < 10_000; n++) {
      expect(cooldown.wait(`user${n}`)).toBe(0);
      now += 1; // 1,000 users a second
    }
    expect(cooldown.size).toBeLessThanOrEqual(2000);
    expect(cooldown.wait('user9999')).toBe(2);
    now += 2000;
    expect(cooldown.wait('someone')).toBe(0);
    expect(cooldown.size).toBe(1);
    expect(cooldown.wait('user9999')).toBe(0);
  });

  it('off: remembers nobody', () => {
    const cooldown = new Cooldown(0);
    for (let n = 0; n < 100; n++) expect(cooldown.wait(`user${n}`)).toBe(0);
    expect(cooldown.size).toBe(0);
  });
});
