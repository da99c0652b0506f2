/**
 * `npm run eval:questions [-- --misses]`: the cross-language golden questions answered with the
 * summit glossary alone and with the dictionary too (see scripts/eval/questions.ts), and the
 * held-out questions' totals (their misses are never printed: they are not for tuning).
 */
import { askAll, HELD_OUT, questionCorpora } from './eval/questions.ts';

const corpora = questionCorpora();
const withDictionary = await askAll(corpora);
const glossaryOnly = await askAll(corpora, { dictionary: false });
const together = await askAll(questionCorpora(true));
const count = (rs: typeof withDictionary, lang?: string) => rs.filter((r) => (!lang || r.question.lang === lang) && r.found).length;
const total = (lang?: string) => withDictionary.filter((r) => !lang || r.question.lang === lang).length;
console.log('| questions | glossary alone | with the dictionary | with the dictionary, all reports of a language together |');
console.log('|---|---|---|---|');
for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) console.log(`| ${lang} (${total(lang)}) | ${count(glossaryOnly, lang)} | ${count(withDictionary, lang)} | ${count(together, lang)} |`);
console.log(`| **all (${total()})** | ${count(glossaryOnly)} | ${count(withDictionary)} | ${count(together)} |`);
if (process.argv.includes('--misses')) {
  for (const r of withDictionary.filter((x) => !x.found))
    console.log(`  /${r.question.kind} ${r.question.question}  → want ${r.question.expected}; got ${r.got.map((t) => t.slice(0, 30)).join(' | ') || 'nothing'}`);
}

const heldOut = await askAll(corpora, {}, HELD_OUT);
const heldOutGlossary = await askAll(corpora, { dictionary: false }, HELD_OUT);
const heldFound = (rs: typeof heldOut, lang?: string) => rs.filter((r) => (!lang || r.question.lang === lang) && r.found).length;
console.log('\nHeld-out questions (never read while tuning):');
console.log('| questions | glossary alone | with the dictionary |');
console.log('|---|---|---|');
for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
  console.log(`| ${lang} (${HELD_OUT.filter((q) => q.lang === lang).length}) | ${heldFound(heldOutGlossary, lang)} | ${heldFound(heldOut, lang)} |`);
}
console.log(`| **all (${HELD_OUT.length})** | ${heldFound(heldOutGlossary)} | ${heldFound(heldOut)} |`);
