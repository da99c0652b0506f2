/**
 * A console line in the syntax of a Discord slash command: `/who speaker:CY Leung topic:隱私`.
 * A value runs to the next ` name:` of one of the command's options, or to the end of the line,
 * so values may hold spaces and colons. A command with options also takes its first option bare:
 * `/ask 數據跨境`. A command with subcommands takes the subcommand as its first word, then that
 * subcommand's options: `/corpus show article:wenweipo-2025-01-17`, `/corpus show wenweipo`.
 * A file (an attachment on Discord) is given by its path: `/corpus add path:reports/forum.txt`.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Command } from '../../commands/define.ts';

export interface ParsedLine {
  name: string;
  options: Record<string, string>;
}

const OPTION_AT_START = /^([a-z][a-z0-9_-]{0,31}):/;

export function parseLine(line: string, commands: readonly Command[]): ParsedLine | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const body = text.replace(/^\//, '');
  const space = body.search(/\s/);
  const name = (space < 0 ? body : body.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : body.slice(space + 1).trim();
  const command = commands.find((c) => c.definition.name === name);
  const defs = (command?.definition.options ?? []) as readonly OptionDef[];
  if (defs.some((d) => d.type === ApplicationCommandOptionType.Subcommand)) {
    if (rest === '') return { name, options: {} };
    const gap = rest.search(/\s/);
    const subcommand = (gap < 0 ? rest : rest.slice(0, gap)).toLowerCase();
    const sub = defs.find((d) => d.type === ApplicationCommandOptionType.Subcommand && d.name === subcommand);
    return { name, options: { subcommand, ...withPaths(gap < 0 ? '' : rest.slice(gap + 1).trim(), sub?.options ?? []) } };
  }
  return { name, options: withPaths(rest, defs) };
}

type OptionDef = { name: string; type: ApplicationCommandOptionType; options?: readonly OptionDef[] };

/** The options, a file option also written `path:`. */
function withPaths(rest: string, defs: readonly OptionDef[]): Record<string, string> {
  const file = defs.find((d) => d.type === ApplicationCommandOptionType.Attachment);
  const names = defs.map((d) => d.name);
  const options = splitOptions(rest, file ? [...names, 'path'] : names);
  if (file && options.path !== undefined && options[file.name] === undefined) {
    options[file.name] = options.path;
    delete options.path;
  }
  return options;
}

function splitOptions(rest: string, optionNames: string[]): Record<string, string> {
  if (rest === '') return {};

  // Split before every ` name:` of a known option; an unknown name is kept only at the start,
  // where it can only be a mistyped option.
  const starts: { option: string; at: number; valueAt: number }[] = [];
  const first = OPTION_AT_START.exec(rest);
  if (first) starts.push({ option: first[1]!, at: 0, valueAt: first[0].length });
  else if (optionNames.length > 0) starts.push({ option: optionNames[0]!, at: 0, valueAt: 0 });
  else starts.push({ option: rest.split(/\s/)[0]!, at: 0, valueAt: rest.length });
  for (const m of rest.matchAll(/\s([a-z][a-z0-9_-]{0,31}):/g)) {
    if (optionNames.includes(m[1]!)) starts.push({ option: m[1]!, at: m.index, valueAt: m.index + m[0].length });
  }
  const options: Record<string, string> = {};
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : rest.length;
    options[s.option] = rest.slice(s.valueAt, end);
  });
  return options;
}
