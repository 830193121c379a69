/**
 * The command list `custos --help` shows without loading any command's module must say what the
 * modules themselves say: each entry's name, term and summary match the command it loads.
 */
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandNamed } from '../../src/cli/command-list.ts';

describe('the command list', () => {
  it('matches each command module’s own name, arguments, options and description', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('custos');
      (await entry.load())(program);
      const [command] = program.commands;
      expect(command?.name(), entry.name).toBe(entry.name);
      expect(new Help().subcommandTerm(command!), entry.name).toBe(entry.term);
      expect(command!.description(), entry.name).toBe(entry.summary);
    }
  });

  it('finds the command the arguments name', () => {
    expect(commandNamed(['retention', 'plan', '--json'])).toBe('retention');
    expect(commandNamed(['--help'])).toBeUndefined();
    expect(commandNamed(['help', 'staff'])).toBe('staff');
    expect(commandNamed([])).toBeUndefined();
  });
});
