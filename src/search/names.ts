/**
 * Finding a speaker by any form of the name: canonical (梁振英), the other script (梁振英 typed in
 * Simplified), an alias (CY Leung), or a part of the name that only one speaker has (振英, Leung).
 */
import type { Speaker } from '../model.ts';
import { fold } from '../text/fold.ts';
import { OFFICES, officeOf } from '../text/offices.ts';

export type SpeakerLookup = { found: Speaker } | { error: 'unknown'; suggestions: Speaker[] } | { error: 'ambiguous'; candidates: Speaker[] };

const isLatin = (s: string) => /^[\x20-\x7e]+$/.test(s);
const squash = (s: string) =>
  fold(s)
    .replace(/[\s.·・_-]+/g, ' ')
    .trim();

export class NameBook {
  /** Whole name forms (folded, squashed) -> speaker. */
  private readonly forms = new Map<string, Speaker>();
  /** Parts of names -> the speaker having them, or every speaker when several do (most parts have one: no set for them). */
  private readonly parts = new Map<string, Speaker | Speaker[]>();

  /** Offices the corpus has exactly one holder of, with that holder: "the financial secretary". */
  private readonly holders: { forms: string[]; speaker: Speaker }[] = [];

  constructor(readonly speakers: Speaker[]) {
    // Each role read once: its office, if it is one.
    const holding = new Map<string[], Set<Speaker>>();
    for (const speaker of speakers) {
      for (const role of speaker.roles) {
        const office = officeOf(fold(role));
        if (!office) continue;
        const set = holding.get(office) ?? new Set();
        set.add(speaker);
        holding.set(office, set);
      }
    }
    for (const forms of OFFICES) {
      const holders = holding.get(forms);
      if (holders?.size === 1) this.holders.push({ forms, speaker: [...holders][0]! });
    }
    for (const speaker of speakers) {
      for (const form of [speaker.name, ...speaker.aliases]) {
        const key = squash(form);
        if (!key) continue;
        this.forms.set(key, speaker);
        this.forms.set(key.replace(/ /g, ''), speaker);
        for (const part of partsOf(key)) {
          const known = this.parts.get(part);
          if (known === undefined) this.parts.set(part, speaker);
          else if (Array.isArray(known)) {
            // Speakers come one after another: one already there is the last.
            if (known[known.length - 1] !== speaker) known.push(speaker);
          } else if (known !== speaker) this.parts.set(part, [known, speaker]);
        }
      }
    }
  }

  /** Every form a user may type, for autocomplete: name and aliases. */
  allForms(): { form: string; speaker: Speaker }[] {
    return this.speakers.flatMap((s) => [s.name, ...s.aliases].map((form) => ({ form, speaker: s })));
  }

  lookup(input: string): SpeakerLookup {
    const key = squash(input);
    const whole = this.forms.get(key) ?? this.forms.get(key.replace(/ /g, ''));
    if (whole) return { found: whole };
    const owners = this.parts.get(key);
    if (owners && !Array.isArray(owners)) return { found: owners };
    if (owners) return { error: 'ambiguous', candidates: [...owners] };
    // Close spellings: a speaker sharing a part with the input.
    const suggestions = this.speakers.filter((s) =>
      [s.name, ...s.aliases].some((f) => {
        const k = squash(f);
        return [...k].some((ch) => /\p{Script=Han}/u.test(ch) && key.includes(ch)) || k.split(' ').some((w) => w.length > 2 && key.includes(w));
      }),
    );
    return { error: 'unknown', suggestions };
  }

  /**
   * People named in a free question, with where each name stands in the folded query. The
   * query's own substrings are looked up (Han runs of 2-8 characters, runs of 1-4 Latin words),
   * so the cost depends on the question's length, not on how many speakers there are.
   */
  mentions(query: string): { speaker: Speaker; start: number; end: number }[] {
    const folded = fold(query);
    const candidates: { speaker: Speaker; start: number; end: number }[] = [];
    const consider = (key: string, start: number, end: number) => {
      const speaker = this.forms.get(key) ?? this.uniquePart(key);
      if (speaker) candidates.push({ speaker, start, end });
    };
    for (const run of folded.matchAll(/\p{Script=Han}+/gu)) {
      for (let i = 0; i < run[0].length; i++) {
        for (let len = 2; len <= 8 && i + len <= run[0].length; len++) consider(run[0].slice(i, i + len), run.index + i, run.index + i + len);
      }
    }
    const words = [...folded.matchAll(/[a-z0-9]+/g)];
    for (let i = 0; i < words.length; i++) {
      for (let n = 1; n <= 4 && i + n <= words.length; n++) {
        const group = words.slice(i, i + n);
        const start = group[0]!.index;
        const end = group[n - 1]!.index + group[n - 1]![0].length;
        consider(group.map((w) => w[0]).join(' '), start, end);
      }
    }
    // An office only one speaker holds names that speaker (a Latin form as whole words).
    for (const { forms, speaker } of this.holders) {
      for (const form of forms) {
        const latin = isLatin(form);
        if (latin && form.length < 4) continue; // FS, CE: too short to tell from other words
        for (let at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) {
          const end = at + form.length;
          if (latin && (/[a-z0-9]/.test(folded[at - 1] ?? '') || /[a-z0-9]/.test(folded[end] ?? ''))) continue;
          candidates.push({ speaker, start: at, end });
        }
      }
    }
    // Longest names first; a shorter one inside a longer one is not a second person.
    candidates.sort((a, b) => b.end - b.start - (a.end - a.start));
    const taken: boolean[] = [];
    const found: { speaker: Speaker; start: number; end: number }[] = [];
    for (const c of candidates) {
      let free = true;
      for (let i = c.start; i < c.end; i++) if (taken[i]) free = false;
      if (!free) continue;
      for (let i = c.start; i < c.end; i++) taken[i] = true;
      found.push(c);
    }
    return found.sort((a, b) => a.start - b.start);
  }

  private uniquePart(key: string): Speaker | undefined {
    const owners = this.parts.get(key);
    return owners && !Array.isArray(owners) ? owners : undefined;
  }
}

/**
 * Parts of a name form a user might type alone: 振英 or 梁振 of 梁振英; Leung of CY Leung; Sandra
 * Tse of Sandra Tse Wing-yan (any run of its words).
 */
function partsOf(form: string): string[] {
  if (isLatin(form)) {
    const words = form.split(' ');
    const runs: string[] = [];
    for (let len = 1; len < words.length; len++) for (let i = 0; i + len <= words.length; i++) runs.push(words.slice(i, i + len).join(' '));
    return runs.filter((r) => r.length >= 3);
  }
  const han = form.replace(/\s/g, '');
  const parts: string[] = [];
  for (let len = 2; len < han.length; len++) for (let i = 0; i + len <= han.length; i++) parts.push(han.slice(i, i + len));
  return parts;
}
