/**
 * `npm run bench`: the real corpus and synthetic corpora of 1,000, 10,000 and 100,000 passages,
 * each measured in a process of its own (bench/size.ts); search quality of the engines compared
 * on the golden set; cold start through `npm start` (bench/cold-start.ts); the bot's memory, page
 * buttons and shutdown against the fake Discord (bench/bot.ts). Prints tables with the targets
 * beside the figures and writes bench/results/latest.json.
 *
 * Usage: npm run bench [-- --sizes 0,1000,10000,100000]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { createTokenizer } from '@orama/tokenizers/mandarin';
import { loadCorpus } from '../src/corpus/load.ts';
import { PROJECT_ROOT } from '../src/paths.ts';
import { SearchIndex } from '../src/search/index.ts';
import { GOLDEN } from '../test/golden.ts';
import { COLD_START_TARGET_MS, describeColdStart, measureColdStart } from './cold-start.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '0,1000,10000,100000' } } });
const sizes = values.sizes!.split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'summit-bench-'));
const node = process.execPath;

// --- Each size in its own process --------------------------------------------------------------
const results: Record<string, any> = {};
for (const size of sizes) {
  const dir = join(work, `corpus-${size}`);
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`measuring ${size || 'the real corpus'}…\n`);
  const out = execFileSync(node, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'bench/size.ts', String(size), dir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  results[size] = JSON.parse(out.trim().split('\n').pop()!);
  rmSync(dir, { recursive: true, force: true });
}

// --- Answers found on the golden set -----------------------------------------------------------
process.stderr.write('golden set…\n');
const mixed = join(work, 'golden');
mkdirSync(mixed);
for (const from of [join(PROJECT_ROOT, 'corpus'), join(PROJECT_ROOT, 'test/fixtures/corpus-styles')]) {
  for (const f of readdirSync(from)) copyFileSync(join(from, f), join(mixed, f));
}
const loaded = await loadCorpus(mixed);
if (!loaded.ok) throw new Error('golden corpus');
const index = SearchIndex.build(loaded.corpus);
const asks = GOLDEN.filter((g) => g.line.startsWith('/ask query:') && g.passage);
const texts = index.allPassages().map((p) => ({ id: p.id, text: p.text }));
const plain = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: ['text'] });
plain.addAll(texts);
const orama = create({ schema: { id: 'string', text: 'string' } as const, components: { tokenizer: createTokenizer() } });
await insertMultiple(orama, texts);
const golden = { questions: asks.length, summitBot: 0, minisearchDefault: 0, orama: 0 };
for (const g of asks) {
  const query = g.line.slice('/ask query:'.length);
  const within = g.passage!.within ?? 3;
  const wanted = (text: string) => text.includes(g.passage!.text);
  if (index.find(query, { limit: within }).hits.some((h) => wanted(h.passage.text))) golden.summitBot++;
  if (
    plain
      .search(query)
      .slice(0, within)
      .some((r) => wanted(r.text as string))
  )
    golden.minisearchDefault++;
  const found = await oramaSearch(orama, { term: query, limit: within });
  if (found.hits.some((h) => wanted(h.document.text as string))) golden.orama++;
}

// --- Cold start: `npm start` to its first answer, against `npm run env` -------------------------
process.stderr.write('cold start…\n');
const coldStart = await measureColdStart();

rmSync(work, { recursive: true, force: true });

// --- The bot against the fake Discord: memory, page buttons, shutdown -------------------------
process.stderr.write('the bot…\n');
const botOut = execFileSync(node, ['--expose-gc', '--import', 'tsx', 'bench/bot.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
const bot = JSON.parse(botOut.trim().split('\n').pop()!);

// --- Report ------------------------------------------------------------------------------------
const label = (size: number) => (size === 0 ? 'summit (real)' : size.toLocaleString('en-US'));
const rows: string[] = [];
const table = (title: string, header: string[], lines: string[][]) => {
  rows.push('', `### ${title}`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`));
};
const ms = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));

table(
  'Corpus size, indexing, memory, snapshot',
  ['corpus', 'passages', 'ingest ms', 'index ms', 'memory / passage', 'snapshot', 'index from snapshot ms', 'vs rebuild', 'npm start to first answer: no snapshot / from snapshot ms'],
  sizes.map((s) => {
    const r = results[s];
    return [
      label(s),
      r.passages.toLocaleString('en-US'),
      ms(r.ingestMs),
      ms(r.indexMs),
      `${(r.heapBytesPerPassage / 1024).toFixed(1)} KB`,
      `${(r.savedIndexBytes / 1048576).toFixed(1)} MB`,
      ms(r.savedIndexLoadMs),
      `${r.loadSpeedup}×`,
      `${ms(r.npmStartFirstAnswerMs.withoutSnapshot)} / ${ms(r.npmStartFirstAnswerMs.fromSnapshot)}`,
    ];
  }),
);
table(
  'Query latency per command (ms, p50 / p95 / p99)',
  ['corpus', '/ask', '/who', '/trends', '/stats'],
  sizes.map((s) => [
    label(s),
    ...['ask', 'who', 'trends', 'stats'].map((c) => {
      const l = results[s].latency[c];
      return `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`;
    }),
  ]),
);
table(
  'Reload while answering',
  ['corpus', 'reload ms', 'longest event-loop stall ms', 'questions answered meanwhile', 'slowest answer meanwhile ms'],
  sizes
    .filter((s) => results[s].reload)
    .map((s) => {
      const r = results[s].reload;
      return [label(s), ms(r.ms), ms(r.longestStallMs), String(r.answeredDuring), ms(r.slowestAnswerMs)];
    }),
);
table(
  'Side by side on the same passages and /ask queries (index ms; query p50 / p99 ms)',
  ['corpus', 'summit-bot', 'MiniSearch default', 'Orama + mandarin', 'substring scan'],
  sizes.map((s) => {
    const c = results[s].compared;
    const cell = (x: any) => `${ms(x.indexMs)}; ${ms(x.p50)} / ${ms(x.p99)}`;
    return [label(s), cell(c.summitBotAsk), cell(c.minisearchDefault), cell(c.orama), `—; ${ms(c.substringScan.p50)} / ${ms(c.substringScan.p99)}`];
  }),
);
rows.push(
  '',
  `Golden /ask questions answered (expected passage among the first answers): summit-bot ${golden.summitBot}/${golden.questions}, MiniSearch default ${golden.minisearchDefault}/${golden.questions}, Orama + mandarin ${golden.orama}/${golden.questions}.`,
  '',
  describeColdStart(coldStart),
);
table(
  'The bot: memory, page buttons, shutdown (real discord.js client, fake Discord on 127.0.0.1)',
  ['measure', 'figure'],
  [
    ['kept per interaction (one-page answers)', `${bot.memory.bytesPerInteraction} bytes`],
    ['kept per distinct user', `${bot.memory.bytesPerUser} bytes (users cached after ${bot.memory.interactions.toLocaleString('en-US')}: ${bot.memory.cachedUsersAfter}, the bot itself)`],
    ['kept per reply with buttons (pages, Context)', `${bot.pages.bytesPerPagedReply} bytes (the page store alone: ${bot.pages.storeBytesPerEntry})`],
    [
      `${bot.pages.replies.toLocaleString('en-US')} replies with buttons (15 minutes at 50 a second)`,
      `${bot.pages.totalMB} MB; the first one's button ${bot.pages.firstButtonWorks ? 'works' : 'FAILS'} after them`,
    ],
    ['a button at 14:59 / 15:01', `${bot.pages.aliveAt1459 ? 'works' : 'FAILS'} / ${bot.pages.expiredAt1501 ? 'says expired' : 'FAILS'}`],
    [
      `SIGTERM, ${bot.shutdown.rateLimited.inFlight} interactions waiting out a 429 (retry_after 1 s)`,
      `${bot.shutdown.rateLimited.answered} answered, exit ${bot.shutdown.rateLimited.exitCode} after ${bot.shutdown.rateLimited.exitMs} ms`,
    ],
    ['SIGTERM, a /reload whose answer hangs', `user told; exit ${bot.shutdown.hung.exitCode} after ${(bot.shutdown.hung.exitMs / 1000).toFixed(1)} s (grace ${bot.shutdown.hung.graceSeconds} s)`],
  ],
);
// --- Against the targets ----------------------------------------------------------------------
const commandsP99 = (size: number) => Math.max(...['ask', 'who', 'trends', 'stats'].map((c) => results[size].latency[c].p99));
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const targets: string[][] = [];
if (results[0]) targets.push(['query p99 ≤ 2 ms at summit size (every command)', `${ms(commandsP99(0))} ms`, verdict(commandsP99(0) <= 2)]);
if (results[100000]) {
  targets.push(['query p99 ≤ 8 ms at 100,000 (every command)', `${ms(commandsP99(100000))} ms`, verdict(commandsP99(100000) <= 8)]);
  targets.push(['index 100,000 passages ≤ 4 s', `${ms(results[100000].indexMs)} ms`, verdict(results[100000].indexMs <= 4000)]);
  const restart = results[100000].npmStartFirstAnswerMs.fromSnapshot;
  targets.push(['a restart at 100,000 answers within 3 s (npm start, from the snapshot)', `${ms(restart)} ms`, verdict(restart <= 3000)]);
}
for (const size of sizes) {
  const scan = results[size].compared.substringScan.p99;
  targets.push([`every command's p99 below the substring scan's at ${label(size)}`, `${ms(commandsP99(size))} vs ${ms(scan)} ms`, verdict(commandsP99(size) < scan)]);
}
for (const size of sizes.filter((s) => s >= 10000))
  targets.push([`index from a snapshot ≥ 10× faster than a rebuild at ${label(size)}`, `${results[size].loadSpeedup}×`, verdict(results[size].loadSpeedup >= 10)]);
if (results[10000]?.reload)
  targets.push(['no event-loop stall over 50 ms during a reload of 10,000', `${ms(results[10000].reload.longestStallMs)} ms`, verdict(results[10000].reload.longestStallMs <= 50)]);
if (results[100000]) targets.push(['memory ≤ 5 KB per passage at 100,000', `${(results[100000].heapBytesPerPassage / 1024).toFixed(1)} KB`, verdict(results[100000].heapBytesPerPassage <= 5120)]);
targets.push([
  `the console's first answer through npm start within ${COLD_START_TARGET_MS} ms of npm run env`,
  `+${Math.round(coldStart.differenceMs)} ms`,
  verdict(coldStart.differenceMs <= COLD_START_TARGET_MS),
]);
table('Against the targets', ['target', 'measured', ''], targets);

process.stdout.write(`${rows.join('\n')}\n`);

const outDir = resolve(PROJECT_ROOT, 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, sizes: results, golden, coldStart, bot }, null, 2)}\n`);
process.stderr.write(`wrote ${join(outDir, 'latest.json')}\n`);
