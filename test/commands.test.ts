import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../commands/define.ts';
import { loadCommands, runCommand } from '../commands/index.ts';
import { answerLine } from '../src/console/console.ts';
import { LiveCorpus } from '../src/corpus/live.ts';
import { renderJson } from '../src/render/json.ts';
import { GOLDEN, SCRIPT_PAIRS } from './golden.ts';
import { CORPUS_DIR, STYLES_DIR, tempDir } from './helpers.ts';

interface JsonPassage {
  id: string;
  text: string;
  speaker: { name: string; role: string | null } | null;
  article: { id: string; title: string; source: string; date: string | null };
  figure?: { text: string };
  highlights?: [number, number][];
}
interface JsonReply {
  command: string;
  ok: boolean;
  error?: { code: string; message: string };
  notice?: string;
  passages: JsonPassage[];
  speakers?: { name: string; roles: string[]; passages: number }[];
  facts?: { label: string; value: string }[];
}

/** The real article and the fixtures in one corpus, as a moderator would have added them. */
function mixedCorpus(): string {
  const dir = tempDir();
  for (const from of [CORPUS_DIR, STYLES_DIR]) for (const f of readdirSync(from)) copyFileSync(join(from, f), join(dir, f));
  return dir;
}

let live: LiveCorpus;
let commands: Command[];
async function ask(line: string): Promise<JsonReply> {
  const reply = await answerLine(line, { live, commands, json: true });
  return JSON.parse(renderJson(reply!));
}

beforeAll(async () => {
  const opened = await LiveCorpus.open(mixedCorpus());
  if (Array.isArray(opened)) throw new Error(JSON.stringify(opened));
  live = opened;
  commands = await loadCommands();
});

describe('the golden set, through the console', () => {
  it('has at least 40 questions', () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(40);
  });

  for (const golden of GOLDEN) {
    it(golden.line.slice(0, 80), async () => {
      const reply = await ask(golden.line);
      if (golden.error) {
        expect(reply.ok).toBe(false);
        expect(reply.error?.code).toBe(golden.error);
        expect(reply.error?.message.length).toBeGreaterThan(10);
        return;
      }
      expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
      if (golden.atLeast) expect(reply.passages.length + (reply.speakers?.length ?? 0)).toBeGreaterThanOrEqual(golden.atLeast);
      if (golden.passage) {
        const { text, speaker, within } = golden.passage;
        const top = within ? reply.passages.slice(0, within) : reply.passages;
        const found = top.find((p) => p.text.includes(text) && (p.speaker?.name ?? null) === speaker);
        expect(found, `want ${speaker}: ${text}\ngot:\n${top.map((p) => `${p.speaker?.name}: ${p.text}`).join('\n')}`).toBeDefined();
      }
      if (golden.allBy) for (const p of reply.passages) expect(p.speaker?.name).toBe(golden.allBy);
      if (golden.figure) {
        const found = reply.passages.find((p) => p.figure?.text === golden.figure!.text);
        expect(found, reply.passages.map((p) => p.figure?.text).join(' ')).toBeDefined();
        expect(found!.speaker?.name ?? null).toBe(golden.figure.speaker);
        expect(found!.text).toContain(golden.figure.text);
      }
      if (golden.speaker) {
        const s = reply.speakers?.find((x) => x.name === golden.speaker!.name);
        expect(s?.roles).toContain(golden.speaker.role);
        expect(s!.passages).toBeGreaterThan(0);
      }
    });
  }
});

describe('script folding', () => {
  for (const [traditional, simplified] of SCRIPT_PAIRS) {
    it(`${simplified} finds what ${traditional} finds`, async () => {
      const a = await ask(traditional);
      const b = await ask(simplified);
      expect(a.passages.length).toBeGreaterThan(0);
      expect(b.passages.map((p) => p.id)).toEqual(a.passages.map((p) => p.id));
    });
  }
});

describe('every answer quotes and attributes', () => {
  it('quotes passages verbatim, with speaker, role, source, date, story and id', async () => {
    const reply = await ask('/ask query:數據跨境 流動');
    const first = reply.passages.find((p) => p.speaker?.name === '陳茂波');
    expect(first).toMatchObject({
      speaker: { name: '陳茂波', role: '特區政府財政司司長' },
      article: { id: 'wenweipo-2025-01-17', source: '香港文匯報', date: '2025-01-17' },
    });
    expect(first!.id).toMatch(/^wenweipo-2025-01-17#\d+$/);
    expect((first as unknown as { story: { headline: string } }).story.headline).toBe('國際數據產業聯盟成立 跨境數據香港站簽備忘');
    // Highlights point at the matched words in the verbatim text.
    const spans = first!.highlights!.map(([s, e]) => first!.text.slice(s, e));
    expect(spans).toContain('數據跨境流動');
  });

  it('says so when nothing matches, with something to try', async () => {
    const reply = await ask('/ask query:xyzzy plugh');
    expect(reply.ok).toBe(true);
    expect(reply.passages).toEqual([]);
    expect(reply.notice).toMatch(/Nothing in the reports matches "xyzzy plugh".*梁振英.*\/help/);
    const typo = await ask('/ask query:privasee xyzzy');
    expect(typo.notice).toContain('Close words in the reports: privacy');
  });

  it('tells a speaker who said nothing on a topic apart from a topic nobody covered', async () => {
    const reply = await ask('/who speaker:徐慶強 topic:量子');
    expect(reply.notice).toContain('徐慶強 said nothing about "量子"');
    expect(reply.passages[0]!.speaker?.name).toBe('張洪海');
  });

  it('answers an ambiguous part of a name by listing the candidates', async () => {
    // 陳 alone is too short to be a part; 陳茂波 and 陈美玲 share no two-character part, so
    // ambiguity needs two speakers with a shared part: "Chan" is only Paul Chan here.
    const reply = await ask('/who speaker:Chan');
    expect(reply.passages[0]?.speaker?.name).toBe('陳茂波');
  });

  it('/about describes the corpus; /help lists every command with an example', async () => {
    const about = await ask('/about');
    expect(about.facts!.map((f) => f.value).join('\n')).toContain('香港文匯報, 2025-01-17');
    const help = await ask('/help');
    const labels = help.facts!.map((f) => f.label);
    expect(labels).toEqual(['/ask', '/who', '/trends', '/stats', '/context', '/speakers', '/about', '/help', '/reload', '/corpus']);
    expect(help.facts!.every((f) => f.value.includes('/'))).toBe(true);
    // On Discord, /context is the Context button, and the message menu is listed instead.
    const discord = await runCommand(commands, 'help', {}, { index: live.index, locale: 'zh-TW' });
    expect(discord.facts!.map((f) => f.label)).toEqual(['/ask', '/who', '/trends', '/stats', '/speakers', '/about', '/help', '在峰會報道中查找']);
    expect(discord.facts!.at(-1)!.value).toContain('應用程式 → 在峰會報道中查找');
  });

  it('/trends gives one passage per list item, in order, with the list source', async () => {
    const reply = await ask('/trends');
    expect(reply.passages).toHaveLength(10);
    expect(reply.passages.every((p) => p.speaker?.name === '張洪海')).toBe(true);
    expect(reply.passages[9]!.text).toBe('強人工智能時代加速到來，人工智能將無處不在，加速推動行業轉型。');
  });
});

describe('search quality against MiniSearch with its default tokenizer', () => {
  it('finds the expected passage for far more of the golden /ask questions', async () => {
    const asks = GOLDEN.filter((g) => g.line.startsWith('/ask query:') && g.passage);
    const passages = live.index.allPassages();
    const plain = new MiniSearch({ fields: ['text'], storeFields: ['text'] });
    plain.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
    let ours = 0;
    let theirs = 0;
    for (const g of asks) {
      const query = g.line.slice('/ask query:'.length);
      const within = g.passage!.within ?? 3;
      const wanted = (text: string) => text.includes(g.passage!.text);
      if ((await ask(g.line)).passages.slice(0, within).some((p) => wanted(p.text))) ours++;
      if (
        plain
          .search(query)
          .slice(0, within)
          .some((r) => wanted(r.text as string))
      )
        theirs++;
    }
    console.log(`golden /ask questions answered: summit-bot ${ours}/${asks.length}, MiniSearch default ${theirs}/${asks.length}`);
    expect(ours).toBe(asks.length);
    expect(theirs).toBeLessThan(asks.length / 2);
  });
});
