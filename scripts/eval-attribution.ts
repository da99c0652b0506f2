/**
 * `npm run eval:attribution [-- --misses]`: precision and recall of attribution, and recall of
 * figures, per style and overall, on the labelled fixtures. Two sets: `dev`, the articles the
 * rules were tuned on, and `heldout`, articles kept aside and never looked at while tuning.
 * `--misses` lists what the dev set gets wrong.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { byStyle, figureRecall, precision, recall, scoreFolder, total, type Tally } from './eval/attribution.ts';

const ROOT = resolve(import.meta.dirname, '../test/fixtures/attribution');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, t: Tally) => `| ${name} | ${t.attributed} | ${pct(precision(t))} | ${pct(recall(t))} | ${t.figures ? `${pct(figureRecall(t))} of ${t.figures}` : '—'} |`;

const showMisses = process.argv.includes('--misses');
for (const set of ['dev', 'heldout'] as const) {
  const dir = resolve(ROOT, set);
  if (!existsSync(dir)) continue;
  const scores = scoreFolder(dir);
  console.log(`\n${set === 'dev' ? 'Tuning set (dev)' : 'Held-out set (not looked at while tuning)'}: ${scores.length} articles\n`);
  console.log('| style | attributed sentences | precision | recall | figures found |');
  console.log('|---|---|---|---|---|');
  for (const [style, t] of [...byStyle(scores)].sort(([a], [b]) => a.localeCompare(b))) console.log(row(style, t));
  console.log(row(`**overall ${set}**`, total(scores)));
  if (showMisses && set === 'dev') {
    for (const s of scores) for (const m of s.misses) console.log(`  ${m.file}: gold ${m.gold ?? 'narrative'}, got ${m.got ?? 'narrative'}: ${m.text.slice(0, 70)}`);
  }
}
