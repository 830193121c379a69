import { Option, type Command } from 'commander';
import { ropaCsv, ropaJsonLd, ropaXlsx } from '../../notice/ropa/index.ts';
import { checkExtension, emit, emitBinary, requireValidManifest } from '../io.ts';

const FORMATS = ['csv', 'xlsx', 'jsonld'] as const;

export function registerRopa(program: Command): void {
  program
    .command('ropa')
    .description('write the Article 30 record of processing (ICO template columns, or DPV JSON-LD)')
    .argument('<file>', 'the privacy manifest')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('csv'))
    .option('--bom', 'start the CSV with a byte order mark, for Excel')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (file: string, opts: { format: (typeof FORMATS)[number]; bom?: boolean; out?: string }) => {
      checkExtension(opts.out, opts.format, { csv: 'csv', xlsx: 'xlsx', jsonld: 'jsonld' });
      const manifest = await requireValidManifest(file);
      if (opts.format === 'xlsx') emitBinary(await ropaXlsx(manifest), opts.out, 'An XLSX workbook');
      else if (opts.format === 'jsonld') emit(`${JSON.stringify(ropaJsonLd(manifest), null, 2)}\n`, opts.out);
      else emit(ropaCsv(manifest, { bom: opts.bom }), opts.out);
      if (opts.out) process.stderr.write(`Wrote ${opts.out}\n`);
    });
}
