import type { Command } from 'commander';
import { hasErrors } from '../../manifest/problems.ts';
import { validateFile } from '../../manifest/validate.ts';
import { CliError, parseDay, printProblems } from '../io.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a privacy manifest against the schema and UK data protection law')
    .argument('<file>', 'the privacy manifest (privacy.yaml)')
    .option('--json', 'print the problems as JSON')
    .option('--strict', 'treat warnings as errors')
    .option('--today <date>', 'the date to check review dates against (YYYY-MM-DD)')
    .action((file: string, opts: { json?: boolean; strict?: boolean; today?: string }) => {
      const { problems } = validateFile(file, { today: parseDay('--today', opts.today) });
      if (opts.json) process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
      else printProblems(problems);
      const failed = hasErrors(problems) || (opts.strict && problems.length > 0);
      const errors = problems.filter((p) => p.severity === 'error').length;
      const warnings = problems.length - errors;
      if (failed) throw new CliError(`${file}: ${errors} error(s), ${warnings} warning(s)`);
      if (!opts.json)
        process.stderr.write(`${file}: valid${warnings ? ` with ${warnings} warning(s)` : ''}\n`);
    });
}
