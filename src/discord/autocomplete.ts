/**
 * Autocomplete of speaker options: every form of every speaker's name (Traditional, Simplified,
 * aliases), those starting with what was typed first, then those containing it; at most 25.
 */
import type { AutocompleteInteraction } from 'discord.js';
import type { LiveCorpus } from '../corpus/live.ts';
import type { Logger } from '../log.ts';
import type { Speaker } from '../model.ts';
import { fold } from '../text/fold.ts';
import { LIMITS } from './limits.ts';

export interface Choice {
  name: string;
  value: string;
}

/** The choices for what was typed (already folded), best first. */
export function speakerChoices(forms: readonly { form: string; speaker: Speaker }[], typed: string): Choice[] {
  const scored = forms
    .map(({ form, speaker }) => {
      const f = fold(form);
      const score = typed === '' ? 1 : f.startsWith(typed) ? 3 : f.includes(typed) ? 2 : 0;
      return { form, speaker, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const { form, speaker } of scored) {
    const key = `${speaker.name}\u0000${form}`;
    if (seen.has(key) || choices.length >= LIMITS.choices) continue;
    seen.add(key);
    const name = form === speaker.name ? speaker.name : `${form} → ${speaker.name}`;
    choices.push({ name: name.slice(0, LIMITS.choiceName), value: speaker.name.slice(0, LIMITS.choiceValue) });
  }
  return choices;
}

export async function onAutocomplete(interaction: AutocompleteInteraction, live: LiveCorpus, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    const focused = interaction.options.getFocused(true);
    // Only speaker options autocomplete; anything else gets no suggestions rather than names.
    if (focused.name !== 'speaker') {
      await interaction.respond([]);
      return;
    }
    const typed = fold(String(focused.value ?? '')).trim();
    const choices = speakerChoices(live.index.names.allForms(), typed);
    await interaction.respond(choices);
    logger.info(
      {
        command: interaction.commandName,
        autocomplete: typed,
        guild: interaction.guildId,
        user: interaction.user.id,
        latencyMs: Math.round(performance.now() - started),
        results: choices.length,
        outcome: 'ok',
      },
      'autocomplete',
    );
  } catch (error) {
    logger.error({ err: error }, 'autocomplete failed');
  }
}
