// Prints one dev article's passages with the speaker found and the rule: npx tsx scripts/eval/show.ts NAME
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deriveMeta } from '../../src/corpus/load.ts';
import { ingestArticle } from '../../src/ingest/article.ts';
const name = process.argv[2]!;
const text = readFileSync(resolve(import.meta.dirname, `../../test/fixtures/attribution/dev/${name}.txt`), 'utf8');
const a = ingestArticle(text, deriveMeta(text, name, `${name}.txt`));
for (const p of a.passages) console.log(`${p.storyId.split('/')[1]} ${p.kind.padEnd(8)} ${(p.attribution ? `${p.attribution.speaker} [${p.attribution.kind}: ${p.attribution.rule ?? ''}; ${p.attribution.mention ?? ''}]` : '-').padEnd(40)} ${p.text.slice(0, 70)}`);
console.log(a.people.map((p) => `${p.name} ${p.gender ?? '?'} ${p.roles.join('/')} {${p.forms.join(',')}} ${p.passages}`).join('\n'));
console.log(a.warnings.map((w) => w.message).join('\n'));
