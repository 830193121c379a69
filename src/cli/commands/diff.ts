import { Option, type Command } from 'commander';
import { diffManifests, formatDiff, type DiffFormat } from '../../notice/diff/index.ts';
import { requireValidManifest } from '../io.ts';

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      'list the material changes between two manifests (which people must be told about) and the minor ones',
    )
    .argument('<old>', 'the manifest as it was')
    .argument('<new>', 'the manifest as it is now')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'md', 'json']).default('text'),
    )
    .option('--fail-on-material', 'exit with status 3 when there are material changes (for CI)')
    .action(
      async (oldFile: string, newFile: string, opts: { format: DiffFormat; failOnMaterial?: boolean }) => {
        const diff = diffManifests(await requireValidManifest(oldFile), await requireValidManifest(newFile));
        process.stdout.write(`${formatDiff(diff, opts.format)}\n`);
        if (opts.failOnMaterial && diff.material.length > 0) process.exitCode = 3;
      },
    );
}
