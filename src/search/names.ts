/**
 * Finding a speaker by any form of the name: canonical (梁振英), the other script (梁振英 typed in
 * Simplified), an alias (CY Leung), or a part of the name that only one speaker has (振英, Leung).
 */
import type { Speaker } from '../model.ts';
import { fold } from '../text/fold.ts';

export type SpeakerLookup =
  | { found: Speaker }
  | { error: 'unknown'; suggestions: Speaker[] }
  | { error: 'ambiguous'; candidates: Speaker[] };

const isLatin = (s: string) => /^[\x20-\x7e]+$/.test(s);
const squash = (s: string) => fold(s).replace(/[\s.·・_-]+/g, ' ').trim();

export class NameBook {
  /** Whole name forms (folded, squashed) -> speaker. */
  private readonly forms = new Map<string, Speaker>();
  /** Parts of names -> the speakers having them. */
  private readonly parts = new Map<string, Set<Speaker>>();

  constructor(readonly speakers: Speaker[]) {
    for (const speaker of speakers) {
      for (const form of [speaker.name, ...speaker.aliases]) {
        const key = squash(form);
        if (!key) continue;
        this.forms.set(key, speaker);
        this.forms.set(key.replace(/ /g, ''), speaker);
        for (const part of partsOf(key)) {
          const set = this.parts.get(part) ?? new Set();
          set.add(speaker);
          this.parts.set(part, set);
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
    if (owners?.size === 1) return { found: [...owners][0]! };
    if (owners && owners.size > 1) return { error: 'ambiguous', candidates: [...owners] };
    // Close spellings: a speaker sharing a part with the input.
    const suggestions = this.speakers.filter((s) =>
      [s.name, ...s.aliases].some((f) => {
        const k = squash(f);
        return [...k].some((ch) => /\p{Script=Han}/u.test(ch) && key.includes(ch)) || k.split(' ').some((w) => w.length > 2 && key.includes(w));
      }),
    );
    return { error: 'unknown', suggestions };
  }

  /** People named in a free question, with where each name stands in the folded query. */
  mentions(query: string): { speaker: Speaker; start: number; end: number }[] {
    const folded = fold(query);
    const found: { speaker: Speaker; start: number; end: number }[] = [];
    const candidates = [
      ...[...this.forms.entries()].map(([form, speaker]) => ({ form, speaker })),
      ...[...this.parts.entries()].filter(([, s]) => s.size === 1).map(([form, s]) => ({ form, speaker: [...s][0]! })),
    ].sort((a, b) => b.form.length - a.form.length);
    const taken: boolean[] = [];
    for (const { form, speaker } of candidates) {
      if (form.length < 2) continue;
      let from = 0;
      for (;;) {
        const at = folded.indexOf(form, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + form.length;
        if (isLatin(form) && (/[a-z0-9]/.test(folded[at - 1] ?? '') || /[a-z0-9]/.test(folded[end] ?? ''))) continue;
        let free = true;
        for (let i = at; i < end; i++) if (taken[i]) free = false;
        if (!free) continue;
        for (let i = at; i < end; i++) taken[i] = true;
        found.push({ speaker, start: at, end });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}

/** Parts of a name form a user might type alone: 振英 or 梁振 of 梁振英; Leung of CY Leung. */
function partsOf(form: string): string[] {
  if (isLatin(form)) return form.split(' ').filter((w) => w.length >= 3);
  const han = form.replace(/\s/g, '');
  const parts: string[] = [];
  for (let len = 2; len < han.length; len++) for (let i = 0; i + len <= han.length; i++) parts.push(han.slice(i, i + len));
  return parts;
}
