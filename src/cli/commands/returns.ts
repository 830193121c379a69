/**
 * `custos returns`: the routine returns (NFI, CORE, Rental Exchange) generated from the store and
 * logged per person in the disclosure log; the returns made so far; and the agreements that need
 * the DPO. Thin over src/returns/ and src/sharing/. Output is counts and ids, never personal data.
 */
import { accessSync, constants } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { zipSync, strToU8 } from 'fflate';
import type { Call } from '../../records/store.ts';
import {
  generateReturn,
  listReturns,
  RETURN_KIND_INFO,
  RETURN_KINDS,
  type ReturnKind,
} from '../../returns/index.ts';
import { ukDate } from '../../rights/requests/input.ts';
import { agreementsNeedingAttention, listAgreements } from '../../sharing/index.ts';
import { CliError, controllerOf, parseDay, withStore, writeOutput } from '../io.ts';

/** Custos making a return: the gate reads under the return's activity; the person running it is recorded. */
const RETURNS_ACTOR = 'custos-returns';

const defaultBy = (): string => `cli:${userInfo().username}`;

/** Refuse before anything is read or logged if the file cannot be written. */
function checkOut(kind: ReturnKind, out: string): void {
  if (kind === 'nfi' && !out.toLowerCase().endsWith('.zip'))
    throw new CliError(
      '--out: the NFI extract is three files (tenants, right to buy, waiting list); give a .zip file',
      2,
    );
  try {
    accessSync(dirname(resolve(out)), constants.W_OK);
  } catch {
    throw new CliError(`cannot write ${out}: its folder does not exist or is not writable`);
  }
}

interface GenerateOptions {
  from: string;
  to: string;
  out: string;
  controller?: string;
  by?: string;
  approvedBy?: string;
  purpose?: string;
  agreement?: string;
  coreOrg?: string;
}

function registerKind(returns: Command, kind: ReturnKind): void {
  const command = returns
    .command(kind)
    .description(`${RETURN_KIND_INFO[kind].label}: generate it, and log it per person in the disclosure log`)
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day of the period (YYYY-MM-DD), not after today')
    .requiredOption(
      '--out <file>',
      kind === 'nfi' ? 'the .zip to write the three files to' : 'the CSV file to write',
    )
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--by <staff-id>', 'who is running it (default: cli:<your user name>)')
    .option('--approved-by <staff-id>', 'who approved sending it (default: --by)')
    .option(
      '--purpose <activity>',
      `the manifest activity it is made for (default: ${RETURN_KIND_INFO[kind].activity})`,
    )
    .option('--agreement <id>', 'the agreement it is shared under, when several cover the activity');
  if (kind === 'core') command.option('--core-org <code>', 'your CORE organisation code, for fields 1 and 2');
  command.action(async (opts: GenerateOptions) => {
    const from = parseDay('--from', opts.from)!;
    const to = parseDay('--to', opts.to)!;
    checkOut(kind, opts.out);
    await withStore(async (store) => {
      const controllerId = controllerOf(store, opts.controller);
      const by = opts.by ?? defaultBy();
      const call: Call = {
        actor: { id: RETURNS_ACTOR, kind: 'system', controllerId, roles: [] },
        purpose: opts.purpose,
        channel: 'cli',
      };
      const r = await generateReturn(store, call, {
        controllerId,
        kind,
        from,
        to,
        approvedBy: opts.approvedBy ?? by,
        generatedBy: by,
        activityId: opts.purpose,
        agreementId: opts.agreement,
        coreOrganisation: opts.coreOrg,
      });
      const content =
        r.files.length === 1
          ? r.files[0]!.content
          : Buffer.from(zipSync(Object.fromEntries(r.files.map((f) => [f.name, strToU8(f.content)]))));
      writeOutput(opts.out, content);
      const left = Object.entries(r.excluded).map(([why, n]) => `${n} ${why}`);
      process.stdout.write(
        [
          `return ${r.returnId}: ${RETURN_KIND_INFO[kind].label} to ${r.recipientId} under agreement ${r.agreementId}`,
          `  ${r.people} people, ${r.rows} row(s)${left.length ? `; left out: ${left.join(', ')}` : ''}`,
          ...r.files.map((f) => `  ${f.name}: ${f.rows} row(s)`),
          `  written to ${opts.out}; each person's disclosure is logged`,
        ].join('\n') + '\n',
      );
    });
  });
}

function registerLists(returns: Command): void {
  returns
    .command('list')
    .description('the returns made so far: when, to whom, under which agreement, how many people')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (opts: { controller?: string }) => {
      await withStore(async (store) => {
        for (const r of await listReturns(store.db, controllerOf(store, opts.controller)))
          process.stdout.write(
            `${r.generatedAt.toISOString()} ${r.id} ${r.kind} ${r.from}..${r.to} to ${r.recipientId} under ${r.agreementId}: ${r.people} people, ${r.rows} row(s), approved by ${r.approvedBy}\n`,
          );
      });
    });
  returns
    .command('agreements')
    .description('agreements that have expired, expire soon, are due for review, or have no dates')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--within <days>', 'how far ahead to look', '60')
    .action(async (opts: { controller?: string; within: string }) => {
      if (!/^\d+$/.test(opts.within)) throw new CliError('--within must be a whole number of days', 2);
      await withStore(async (store) => {
        const agreements = await listAgreements(store, controllerOf(store, opts.controller));
        const list = agreementsNeedingAttention(agreements, ukDate(store.now()), Number(opts.within));
        if (list.length === 0) process.stdout.write(`all ${agreements.length} agreement(s) are in order\n`);
        for (const a of list)
          process.stdout.write(
            `${a.agreementId} (${a.recipientName}): ${a.status}${a.on ? ` ${a.on} (${a.days} day(s))` : ''}\n`,
          );
      });
    });
}

export function registerReturns(program: Command): void {
  const returns = program
    .command('returns')
    .description(
      'routine returns (NFI, CORE, Rental Exchange), logged per person; agreements due for review',
    );
  for (const kind of RETURN_KINDS) registerKind(returns, kind);
  registerLists(returns);
}
