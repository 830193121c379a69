import { Option, type Command } from 'commander';
import { lookup } from '../../manifest/lookup.ts';
import { closestMatch } from '../../manifest/suggest.ts';
import {
  buildJustInTime,
  buildNotice,
  NOTICE_FORMATS,
  renderToBytes,
  type NoticeFormat,
} from '../../notice/render.ts';
import { checkExtension, CliError, emit, emitBinary, requireValidManifest } from '../io.ts';

export function registerNotice(program: Command): void {
  program
    .command('notice')
    .description('render the privacy notice (or a just-in-time notice) from a manifest')
    .argument('<file>', 'the privacy manifest')
    .addOption(new Option('--format <format>', 'output format').choices(NOTICE_FORMATS).default('html'))
    .option('--jit <activity>', 'render the short just-in-time notice for one activity')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { format: NoticeFormat; jit?: string; out?: string }) => {
      checkExtension(opts.out, opts.format, { html: 'html', md: 'md', txt: 'txt', pdf: 'pdf' });
      const manifest = await requireValidManifest(file);
      if (opts.jit && !lookup(manifest).activities.has(opts.jit)) {
        const near = closestMatch(opts.jit, lookup(manifest).activities.keys());
        throw new CliError(
          `--jit: "${opts.jit}" is not a declared activity${near ? ` (did you mean "${near}"?)` : ''}`,
          2,
        );
      }
      const doc = opts.jit ? buildJustInTime(manifest, opts.jit) : buildNotice(manifest);
      const bytes = await renderToBytes(doc, opts.format);
      if (opts.format === 'pdf') emitBinary(bytes, opts.out, 'A PDF');
      else emit(bytes, opts.out);
      if (opts.out) process.stderr.write(`Wrote ${opts.out}\n`);
    });
}
