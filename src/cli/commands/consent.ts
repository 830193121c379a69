/**
 * `custos consent`: record a person's consent or its withdrawal as staff took it (phone, letter, in
 * person), write their receipt, and mark consent whose agreed time has run out. The person at the
 * command line acts as Custos itself for the purpose given (by default answering rights requests).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { consentReceipt } from '../../consent/history.ts';
import { giveConsent, lapseConsents, withdrawConsent } from '../../consent/ledger.ts';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../consent/vocabulary.ts';
import type { Call, Store } from '../../records/store.ts';
import { CliError, controllerOf, withStore, writeOutput } from '../io.ts';

interface Common {
  controller?: string;
  by?: string;
  purpose: string;
}

function cliCall(store: Store, o: Common): Call {
  const controllerId = controllerOf(store, o.controller);
  return {
    actor: { id: o.by ?? `cli:${userInfo().username}`, kind: 'system', controllerId, roles: [] },
    purpose: o.purpose,
    channel: 'cli',
  };
}

const common = (c: Command) =>
  c
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--by <staff-id>', 'who is acting, for the audit (default: cli:<your user name>)')
    .option('--purpose <activity>', 'the purpose this is done for', 'subject-access');

const choice = (c: Command) =>
  common(c)
    .requiredOption('--activity <ids...>', 'the activities (purposes) the choice is about')
    .requiredOption('--channel <channel>', `how it reached you: ${CONSENT_CHANNELS.join(', ')}`)
    .option('--evidence <text>', 'what shows it, e.g. the form or call reference')
    .option('--note <text>', 'a note for the record');

type ChoiceOptions = Common & {
  activity: string[];
  channel: ConsentChannel;
  evidence?: string;
  note?: string;
};

export function registerConsent(program: Command): void {
  const consent = program.command('consent').description('people’s consent: give, withdraw, receipts');

  choice(consent.command('give <person-id>').description('record consent the person gave'))
    .option('--expires <iso-date-time>', 'when the consent lapses (default: when withdrawn)')
    .action((personId: string, o: ChoiceOptions & { expires?: string }) =>
      withStore(async (store) => {
        const ids = await giveConsent(store, cliCall(store, o), {
          personId,
          activities: o.activity,
          channel: o.channel,
          evidence: o.evidence,
          note: o.note,
          expiresAt: o.expires,
        });
        process.stdout.write(`consent given: ${ids.join(', ')}\n`);
      }),
    );

  choice(
    consent.command('withdraw <person-id>').description('record that the person withdrew consent'),
  ).action((personId: string, o: ChoiceOptions) =>
    withStore(async (store) => {
      const ids = await withdrawConsent(store, cliCall(store, o), {
        personId,
        activities: o.activity,
        channel: o.channel,
        evidence: o.evidence,
        note: o.note,
      });
      process.stdout.write(`consent withdrawn, effective now: ${ids.join(', ')}\n`);
    }),
  );

  common(
    consent.command('receipt <person-id>').description('the person’s consent receipt (ISO/IEC TS 27560)'),
  )
    .option('--format <format>', 'json, html or txt', 'json')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((personId: string, o: Common & { format: string; out?: string }) =>
      withStore(async (store) => {
        if (!['json', 'html', 'txt'].includes(o.format))
          throw new CliError(`--format must be json, html or txt, not "${o.format}"`, 2);
        const r = await consentReceipt(store, cliCall(store, o), personId);
        const body =
          o.format === 'json'
            ? `${JSON.stringify(r.json, null, 2)}\n`
            : o.format === 'html'
              ? r.html
              : r.text;
        if (o.out) writeOutput(o.out, body);
        else process.stdout.write(body);
      }),
    );

  consent
    .command('lapse')
    .description('mark consent whose agreed time has run out as expired')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action((o: { controller?: string }) =>
      withStore(async (store) => {
        const n = await lapseConsents(store, controllerOf(store, o.controller));
        process.stdout.write(`${n} consent record(s) marked expired\n`);
      }),
    );
}
