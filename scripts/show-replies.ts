/**
 * `npm run show-replies [-- --locale zh-TW]`: one reply of each command on the corpus, as a
 * Discord user sees it (the embed's title, body and footer as Discord shows the markdown's
 * text), for the README and for checking a layout change by eye.
 */
import { parseArgs } from 'node:util';
import { loadCommands, runCommand } from '../commands/index.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { renderPages } from '../src/discord/embeds.ts';
import { localeOf } from '../src/i18n.ts';
import { PROJECT_ROOT } from '../src/paths.ts';
import { SearchIndex } from '../src/search/index.ts';

const { values } = parseArgs({ options: { locale: { type: 'string', default: 'en' }, corpus: { type: 'string', default: `${PROJECT_ROOT}/corpus` } } });
const locale = localeOf(values.locale);
const loaded = await loadCorpus(values.corpus!);
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
const index = SearchIndex.build(loaded.corpus);
const commands = await loadCommands();

const EXAMPLES: [string, Record<string, string>][] = [
  ['ask', { query: 'what did the financial secretary say about open data' }],
  ['who', { speaker: 'CY Leung', topic: '隱私' }],
  ['trends', {}],
  ['stats', { topic: 'billion' }],
];
for (const [command, options] of EXAMPLES) {
  const reply = await runCommand(commands, command, options, { index, locale });
  const [page] = renderPages(reply, locale);
  const line = Object.entries(options)
    .map(([k, v]) => ` ${k}:${v}`)
    .join('');
  console.log(`/${command}${line}\n`);
  console.log(`> **${page!.title}**${page!.url ? ` (linked to ${page!.url})` : ''}`);
  for (const text of (page!.description ?? '').split('\n')) console.log(`> ${text}`);
  console.log(`> \n> *${page!.footer?.text ?? ''}*\n`);
}
