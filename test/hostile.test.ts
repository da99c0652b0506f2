/**
 * Hostile input in every option of every command: each gets a clear reply within Discord's
 * limits, never a crash, a stack trace or a parsed mention.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../commands/define.ts';
import { loadCommands, runCommand } from '../commands/index.ts';
import { LiveCorpus } from '../src/corpus/live.ts';
import { renderPages } from '../src/discord/embeds.ts';
import { validateMessage } from './e2e/fake-discord.ts';
import { CORPUS_DIR } from './helpers.ts';
import { HOSTILE_SAMPLES } from './hostile-samples.ts';

const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE_SAMPLES),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('數', '據', '量', '子', '@', '<', '>', '*', '`', '\u202e', '\u0301', '😀', ' ', '梁', '英', 'a', '\n'), maxLength: 400 }),
);

const STACK = /\n\s+at |Error:|TypeError|undefined|\[object Object\]/;

let live: LiveCorpus;
let commands: Command[];
beforeAll(async () => {
  const opened = await LiveCorpus.open(CORPUS_DIR);
  if (Array.isArray(opened)) throw new Error('corpus');
  live = opened;
  commands = await loadCommands();
});

describe('hostile input through the command layer', () => {
  it('every option of every command: a clear reply within every Discord limit', async () => {
    const withOptions = commands.filter((c) => c.definition.name !== 'reload');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withOptions), fc.array(hostile, { minLength: 1, maxLength: 3 }), fc.constantFrom('en', 'zh-TW', 'zh-CN' as const), async (command, values, locale) => {
        const names = (command.definition.options ?? []).map((o) => o.name);
        const raw: Record<string, string> = {};
        names.forEach((name, i) => {
          if (values[i] !== undefined) raw[name] = values[i]!;
        });
        const reply = await runCommand(commands, command.definition.name, raw, { index: live.index, locale });
        expect(reply.error?.code).not.toBe('internal');
        if (!reply.ok) expect(reply.error!.message.length).toBeGreaterThan(10);
        else expect(reply.passages.length + (reply.speakers?.length ?? 0) + (reply.facts?.length ?? 0) > 0 || Boolean(reply.notice) || Boolean(reply.summary)).toBe(true);
        for (const embed of renderPages(reply, locale)) {
          expect(validateMessage({ embeds: [embed] })).toEqual([]);
          const text = JSON.stringify(embed);
          expect(text).not.toMatch(STACK);
          // Mention syntax typed by the user is escaped: Discord will not read it as a mention.
          expect(text).not.toMatch(/(?<!\\\\)<@&?\d+>/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('each fixed hostile sample, in each option, gets an answer', async () => {
    for (const sample of HOSTILE_SAMPLES) {
      for (const [command, option] of [
        ['ask', 'query'],
        ['who', 'speaker'],
        ['who', 'topic'],
        ['trends', 'topic'],
        ['stats', 'topic'],
      ] as const) {
        const reply = await runCommand(commands, command, { [option]: sample }, { index: live.index, locale: 'en' });
        expect(reply.error?.code, `${command} ${option}:${JSON.stringify(sample.slice(0, 30))}`).not.toBe('internal');
        expect(reply.ok || reply.error!.message.length > 10).toBe(true);
      }
    }
  });
});
