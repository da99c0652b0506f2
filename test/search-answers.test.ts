/**
 * The search answers exactly as recorded (see search-answers.ts): a change to how passages are
 * found, indexed or scored that changes no answer passes; one that moves a passage or a score
 * fails here, naming the question.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWERS_FILE, allAnswers } from './search-answers.ts';

describe('search answers', () => {
  it('are the recorded ones, passage for passage and score for score', async () => {
    const answers = await allAnswers();
    if (process.env.RECORD_ANSWERS === '1' || !existsSync(ANSWERS_FILE)) {
      writeFileSync(ANSWERS_FILE, `${JSON.stringify(answers, null, 0).replace(/\],"/g, '],\n"')}\n`);
      return;
    }
    const recorded = JSON.parse(readFileSync(ANSWERS_FILE, 'utf8')) as typeof answers;
    expect(Object.keys(answers)).toEqual(Object.keys(recorded));
    for (const [corpus, byQuestion] of Object.entries(recorded)) {
      for (const [asked, expected] of Object.entries(byQuestion)) expect(answers[corpus]![asked], `${corpus}: ${asked}`).toEqual(expected);
    }
  }, 300_000);
});
