/**
 * `npm run show-replies [-- --locale zh-TW]`: one reply of each command on the corpus, as a
 * Discord user sees it (the embed's title, body and footer as Discord shows the markdown's
 * text), then the Context button on the first of them and the "Find in the summit reports" menu
 * on a message, through the same code as the bot; for the README and for checking a layout
 * change by eye.
 */
import { parseArgs } from 'node:util';
import { loadCommands, runCommand } from '../commands/index.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import type { APIEmbed } from 'discord-api-types/v10';
import { contextReply, contextual } from '../src/discord/context.ts';
import { passagePages, renderPages } from '../src/discord/embeds.ts';
import { FIND_IN_REPORTS, findInReports } from '../src/discord/find.ts';
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
function show(page: APIEmbed, content?: string): void {
  if (content) console.log(`> ${content}\n> `);
  console.log(`> **${page.title}**${page.url ? ` (linked to ${page.url})` : ''}`);
  for (const text of (page.description ?? '').split('\n')) console.log(`> ${text}`);
  console.log(`> \n> *${page.footer?.text ?? ''}*\n`);
}

for (const [command, options] of EXAMPLES) {
  const reply = await runCommand(commands, command, options, { index, locale });
  const line = Object.entries(options)
    .map(([k, v]) => ` ${k}:${v}`)
    .join('');
  console.log(`/${command}${line}\n`);
  show(renderPages(reply, locale)[0]!);
}

// The Context button under the first reply: its page has one passage, shown at once.
const [command, options] = EXAMPLES[0]!;
const first = passagePages(await runCommand(commands, command, options, { index, locale }), locale)[0]!;
const chosen = contextual(first)[0]!;
console.log(`Context, pressed under /${command} (passage ${chosen.n})\n`);
show(renderPages(await contextReply(commands, chosen, index, locale), locale)[0]!);

// The message menu on a message someone posted.
const message = '<@123456789012345678> so CY Leung said the **alliance** will focus on privacy protection? https://example.com/post';
const found = await findInReports(commands, message, index, locale);
console.log(`${FIND_IN_REPORTS.name}, on the message: ${message}\n`);
show(renderPages(found.reply, locale)[0]!, found.note);
