import type { Command } from 'commander';
import { configFromEnv, openStore } from '../../app/compose.ts';
import { importFiles, MappingError, type ImportSummary } from '../../import/import.ts';
import { formatImportProblem } from '../../import/problems.ts';
import { CliError, printProblems } from '../io.ts';

interface Options {
  mapping: string;
  controller?: string;
  dryRun?: boolean;
}

function describe(s: ImportSummary): string {
  const what = `${s.people} people, ${s.households} households, ${s.tenancies} tenancies and ${s.records} records from ${s.rows} rows`;
  const done = s.dryRun
    ? `checked ${what}: no problems; nothing was written (--dry-run)`
    : `imported ${what}`;
  return [done, ...keyedCounts(s)].join('\n');
}

/** With a source system named: what a re-import left alone, and the rows in conflict. */
function keyedCounts(s: ImportSummary): string[] {
  const u = s.unchanged;
  if (u.people + u.households + u.tenancies + u.records + s.disposed + s.conflicts.length === 0) return [];
  return [
    `unchanged: ${u.people} people, ${u.households} households, ${u.tenancies} tenancies and ${u.records} records; skipped as disposed of: ${s.disposed}; conflicts: ${s.conflicts.length}`,
    ...s.conflicts.map((c) => `conflict: ${formatImportProblem(c)}`),
  ];
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'load people, households, tenancies and records from CSV or JSON exports through a mapping; every row is checked and nothing is written unless all are good',
    )
    .requiredOption('--mapping <file>', 'the mapping file (see docs/import.md)')
    .option('--controller <id>', 'the controller to import for, when the store has several')
    .option('--dry-run', 'check everything and write nothing')
    .argument('<files...>', 'the exported files (CSV, JSON or JSON Lines)')
    .action(async (files: string[], opts: Options) => {
      const store = await openStore(configFromEnv());
      try {
        const summary = await importFiles(store, {
          mappingFile: opts.mapping,
          files,
          controllerId: opts.controller,
          dryRun: opts.dryRun,
        }).catch((error: unknown) => {
          if (!(error instanceof MappingError)) throw error;
          printProblems(error.problems);
          throw new CliError(`${opts.mapping}: ${error.message}`);
        });
        for (const p of summary.problems) process.stderr.write(`${formatImportProblem(p)}\n`);
        if (summary.problems.length > 0)
          throw new CliError(`${summary.problems.length} problem(s); nothing was written`);
        process.stdout.write(`${describe(summary)}\n`);
      } finally {
        await store.db.close();
      }
    });
}
