/**
 * The consent ledger: giving, refusing and withdrawing consent to the manifest's activities, and
 * consent lapsing when its agreed time runs out. Each is an event on the person's record for that
 * activity; the gate reads the record's status on its next decision, so a withdrawal stops the
 * processing at once. Withdrawing asks for no more than giving did.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Activity } from '../manifest/schema.ts';
import {
  appendConsentEvents,
  gateConsent,
  lapsedConsents,
  type ConsentEventWrite,
  type ConsentPerson,
} from '../records/consent.ts';
import { AccessDenied, InputError } from '../records/errors.ts';
import { manifestFor, type Call, type Store } from '../records/store.ts';
import { checkAuthority } from '../rights/representatives/authority.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { ukDate } from '../rights/requests/input.ts';
import {
  checkChoice,
  checkSubjects,
  checkTransition,
  type CheckedChoice,
  type ConsentChoice,
} from './input.ts';
import { needsExplicitConsent } from './reliance.ts';
import type { ConsentState } from './vocabulary.ts';

type Choosing = Exclude<ConsentState, 'expired'>;
const ACTIONS: Record<Choosing, string> = {
  given: 'consent.give',
  withdrawn: 'consent.withdraw',
  refused: 'consent.refuse',
};

/** The person gives consent to each activity named; returns the consent records' ids. */
export function giveConsent(store: Store, call: Call, input: ConsentChoice): Promise<string[]> {
  return choose(store, call, input, 'given');
}

/** The person withdraws consent to each activity named; it stops at once. */
export function withdrawConsent(store: Store, call: Call, input: ConsentChoice): Promise<string[]> {
  return choose(store, call, input, 'withdrawn');
}

/** The person was asked and said no: recorded, so the landlord can show it asked and does not ask again. */
export function refuseConsent(store: Store, call: Call, input: ConsentChoice): Promise<string[]> {
  return choose(store, call, input, 'refused');
}

async function checkOnBehalf(store: Store, call: Call, choice: CheckedChoice, person: ConsentPerson) {
  if (!choice.onBehalf) return;
  if (call.actor.kind === 'subject')
    throw new AccessDenied(
      'in the portal people act for themselves; staff record what a representative says',
    );
  const repId = choice.onBehalf.representativeId;
  if (!repId) return;
  // The register's "withdraw-consent" scope (or "all") is the authority to manage consent.
  const authority = await checkAuthority(store, repId, person.id, 'withdraw-consent', ukDate(store.now()));
  if (!authority.ok) throw new InputError('onBehalf.representativeId', authority.detail);
}

function eventsFor(choice: CheckedChoice, state: Choosing): ConsentEventWrite[] {
  const b = choice.onBehalf;
  const words =
    choice.evidence || choice.note || (b && b.name)
      ? {
          evidence: choice.evidence,
          note: choice.note,
          onBehalf: b && b.name ? { kind: b.kind!, name: b.name, authority: b.authority! } : null,
        }
      : null;
  return choice.activities.map((activity: Activity) => ({
    activity,
    state,
    check: (current) => checkTransition(activity, current?.status, state),
    noticeVersion: choice.noticeVersion,
    language: choice.language,
    channel: choice.channel,
    method: choice.method,
    explicit: needsExplicitConsent(activity),
    expressedBy: b ? 'representative' : 'subject',
    representativeId: b?.representativeId ?? null,
    expiresAt: choice.expiresAt,
    words,
  }));
}

async function choose(store: Store, call: Call, input: ConsentChoice, state: Choosing): Promise<string[]> {
  const action = ACTIONS[state];
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const choice = await auditingDenials(store, call, controllerId, action, undefined, async () =>
    checkChoice(manifest, input, store.now(), {
      state,
      // Art. 7(1): the landlord must be able to show consent was given; the portal's own audit
      // trail shows it for people acting themselves.
      evidenceRequired: state === 'given' && call.actor.kind !== 'subject',
    }),
  );
  const person = await gateConsent(store, call, choice.personId, action);
  await auditingDenials(store, call, controllerId, action, person.id, async () => {
    // A withdrawal is never refused because the person's kind has changed since they consented.
    if (state !== 'withdrawn') checkSubjects(choice.activities, person.subjectTypes);
    await checkOnBehalf(store, call, choice, person);
  });
  return appendConsentEvents(store, call, person, action, eventsFor(choice, state));
}

/** Custos itself, marking consent whose agreed time has run out. */
export function lapseCall(controllerId: string): Call {
  return {
    actor: { id: 'custos-consent', kind: 'system', controllerId, roles: [] },
    purpose: undefined,
    channel: 'system',
  };
}

/**
 * Record every consent of the controller that has lapsed by now as expired. The gate already
 * treats it as lapsed (it compares the time itself); this writes the event into the history.
 * Returns how many were marked.
 */
export async function lapseConsents(store: Store, controllerId: string): Promise<number> {
  const manifest = manifestFor(store, controllerId);
  const now = store.now();
  const call = lapseCall(controllerId);
  let marked = 0;
  for (const r of await lapsedConsents(store.db, controllerId, now)) {
    // An activity since taken out of the manifest still lapses, under its id.
    const activity = lookup(manifest).activities.get(r.activity_id) ?? {
      id: r.activity_id,
      name: r.activity_id,
    };
    const person = { id: r.person_id, controllerId, subjectTypes: [] };
    try {
      await appendConsentEvents(store, call, person, 'consent.expire', [
        {
          activity,
          state: 'expired',
          check: (current) => {
            if (current?.status !== 'given' || !current.expiresAt || current.expiresAt > now)
              throw new InputError('activities', `consent to ${activity.name} is no longer lapsed`);
          },
          noticeVersion: null,
          language: null,
          channel: 'system',
          method: 'expiry',
          explicit: false,
          expressedBy: 'controller',
          representativeId: null,
          expiresAt: null,
          words: null,
        },
      ]);
      marked += 1;
    } catch (error) {
      // Given again or withdrawn since it was found: nothing to mark.
      if (!(error instanceof InputError)) throw error;
    }
  }
  return marked;
}
