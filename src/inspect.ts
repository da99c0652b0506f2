/**
 * `npm run inspect -- [--corpus DIR] [--json]`: what the bot understood of the corpus, for a
 * moderator to check before reloading. Exits 1 with the problems when the corpus is broken.
 */
import { parseCli } from './cli/args.ts';
import { formatProblem, loadCorpus, type Corpus } from './corpus/load.ts';

const options = parseCli(process.argv.slice(2), 'usage: npm run inspect -- [--corpus DIR] [--json]');
const result = await loadCorpus(options.corpus);

if (!result.ok) {
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, errors: result.errors }, null, 2)}\n`);
  else process.stderr.write(`The corpus in ${options.corpus} cannot be loaded:\n${result.errors.map((e) => `  ${formatProblem(e)}`).join('\n')}\n`);
  process.exit(1);
}

if (options.json) process.stdout.write(`${JSON.stringify({ ok: true, articles: result.corpus.articles, speakers: result.corpus.speakers }, null, 2)}\n`);
else process.stdout.write(render(result.corpus));

function render(corpus: Corpus): string {
  const out: string[] = [];
  for (const article of corpus.articles) {
    const { meta } = article;
    out.push(`# ${meta.title}`, `  ${meta.source}, ${meta.date ?? 'no date'}, ${meta.language}, id ${meta.id} (${meta.file})`);
    for (const story of article.stories) {
      out.push('', `## ${story.headline ?? '(no headline)'}`, `   reporters: ${story.reporters.join('、') || '-'}; photographers: ${story.photographers.join('、') || '-'}`);
      for (const p of article.passages.filter((x) => x.storyId === story.id)) {
        const a = p.attribution;
        const who = a ? `${a.speaker} [${a.cue}, ${a.kind}]` : 'narrative';
        // Why: the rule, and the words the speaker was named by when they differ from the name.
        const why = a ? ` — ${a.rule ?? a.kind}${a.mention && a.mention !== a.speaker ? `, named as "${a.mention}"` : ''}` : '';
        out.push(`   ${p.id} ${p.kind.padEnd(10)} ${who}${why}${p.truncated ? ' TRUNCATED' : ''}`, `      ${p.text}`);
      }
    }
    for (const list of article.lists) {
      out.push('', `## List: ${list.title ?? '(untitled)'} — ${list.items.length} items, source: ${list.source ?? 'unknown'}`);
      list.items.forEach((id, i) => {
        out.push(`   ${i + 1}. ${article.passages.find((p) => p.id === id)?.text}`);
      });
    }
    out.push('', `## People (${article.people.length})`);
    for (const person of article.people) {
      const gender = person.gender ? `, ${person.gender}` : '';
      out.push(`   ${person.name}: ${person.roles.join('、') || '(no role given)'}${gender}; ${person.passages} passages; written as ${person.forms.join(', ')}`);
    }
    out.push('', '## Figures');
    for (const f of article.figures) {
      const p = article.passages.find((x) => x.id === f.passageId)!;
      out.push(`   ${f.text.padEnd(14)} ${p.attribution?.speaker ?? 'narrative'} (${f.passageId})`);
    }
    out.push('', `## Warnings (${article.warnings.length})`, ...article.warnings.map((w) => `   ${formatProblem(w)}`), '');
  }
  out.push('# Speakers', ...corpus.speakers.map((s) => `  ${s.name}: ${s.roles.join('、') || '(no role given)'}${s.aliases.length ? `; also ${s.aliases.join(', ')}` : ''}`), '');
  return out.join('\n');
}
