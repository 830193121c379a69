/**
 * `custos ropa`: the Article 30 record of processing from a manifest. Its two breach columns come
 * from the breach register when a store is there to read (as the staff page does, the read
 * audited); with no store, or with --manifest-only, the record is the manifest's alone and those
 * columns say "No breach recorded".
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { Manifest } from '../../manifest/schema.ts';
import {
  breachesByActivity,
  ropaCsv,
  ropaJsonLd,
  ropaXlsx,
  type RegisterBreach,
  type RopaOptions,
} from '../../notice/ropa/index.ts';
import type { Call } from '../../records/store.ts';
import { ConfigError } from '../../store/errors.ts';
import { checkExtension, emit, emitBinary, requireValidManifest, withStore } from '../io.ts';

const FORMATS = ['csv', 'xlsx', 'jsonld'] as const;

const REGISTER_HELP = `
The breach columns ("Has a personal data breach occurred?" and its link):
  with a store    where DATABASE_URL is set, or CUSTOS_DATA_DIR (default ./data) holds a Custos
                  store, the manifest's controller's breach register is read, as the staff page
                  reads it: "Yes: 2 (B-…, B-…)" on each activity a breach affected. The read is
                  written to the audit log (--by names who read it). With CUSTOS_PUBLIC_URL set,
                  the links are the breaches' pages; otherwise their references.
  manifest only   with --manifest-only, or with no store, the register is not read and those
                  columns say "No breach recorded".
Standard error says which of the two the record was written from.`;

interface Opts {
  format: (typeof FORMATS)[number];
  bom?: boolean;
  out?: string;
  manifestOnly?: boolean;
  by?: string;
}

/** A store is there to read when a server is configured or the data folder holds one. */
async function storeAvailable(): Promise<boolean> {
  const { configFromEnv } = await import('../../app/compose.ts');
  const config = configFromEnv();
  return Boolean(config.databaseUrl) || existsSync(join(config.dataDir, 'pglite'));
}

/** The register's breaches per activity, read (and audited) from the store. */
async function readRegister(manifest: Manifest, by: string | undefined): Promise<RopaOptions> {
  const { breachesByCategory, BREACH_ACTIVITY } = await import('../../breaches/index.ts');
  const controllerId = manifest.controller.id;
  const call: Call = {
    actor: { id: by ?? `cli:${userInfo().username}`, kind: 'system', controllerId, roles: [] },
    purpose: manifest.activities.some((a) => a.id === BREACH_ACTIVITY) ? BREACH_ACTIVITY : undefined,
    channel: 'cli',
  };
  let breaches: RegisterBreach[] = [];
  try {
    await withStore(async (store) => {
      breaches = await breachesByCategory(store, call);
    });
  } catch (error) {
    // A store that is there but cannot be opened (e.g. the server holds it) must not quietly give
    // "No breach recorded": say so, and how to write the record without the register.
    if (error instanceof ConfigError)
      throw new ConfigError(
        `${error.message} (--manifest-only writes the record without the breach register)`,
      );
    throw error;
  }
  const site = process.env.CUSTOS_PUBLIC_URL?.replace(/\/+$/, '');
  const link = site ? (b: RegisterBreach) => `${site}/staff/breaches/${b.id}` : undefined;
  process.stderr.write(
    `Breach columns: from the breach register of ${controllerId} (${breaches.length} ${breaches.length === 1 ? 'entry' : 'entries'}; near misses are not counted)\n`,
  );
  return { breaches: breachesByActivity(manifest, breaches, link) };
}

async function breachOptions(manifest: Manifest, opts: Opts): Promise<RopaOptions> {
  if (opts.manifestOnly) {
    process.stderr.write('Breach columns: manifest only (--manifest-only); the register was not read\n');
    return {};
  }
  if (!(await storeAvailable())) {
    process.stderr.write(
      'Breach columns: manifest only (no Custos store here: set CUSTOS_DATA_DIR or DATABASE_URL to read the register)\n',
    );
    return {};
  }
  return readRegister(manifest, opts.by);
}

export function registerRopa(program: Command): void {
  program
    .command('ropa')
    .description('write the Article 30 record of processing (ICO template columns, or DPV JSON-LD)')
    .argument('<file>', 'the privacy manifest')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('csv'))
    .option('--bom', 'start the CSV with a byte order mark, for Excel')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--manifest-only', 'do not read the breach register, even where a store is available')
    .option('--by <name>', 'who reads the breach register, for the audit log (default: cli:<your user name>)')
    .addHelpText('after', REGISTER_HELP)
    .action(async (file: string, opts: Opts) => {
      checkExtension(opts.out, opts.format, { csv: 'csv', xlsx: 'xlsx', jsonld: 'jsonld' });
      const manifest = await requireValidManifest(file);
      const options = await breachOptions(manifest, opts);
      if (opts.format === 'xlsx') emitBinary(await ropaXlsx(manifest, options), opts.out, 'An XLSX workbook');
      else if (opts.format === 'jsonld')
        emit(`${JSON.stringify(ropaJsonLd(manifest, options), null, 2)}\n`, opts.out);
      else emit(ropaCsv(manifest, { ...options, bom: opts.bom }), opts.out);
      if (opts.out) process.stderr.write(`Wrote ${opts.out}\n`);
    });
}
