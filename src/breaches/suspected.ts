/**
 * A suspected breach, reported by any member of staff to the DPO (the usual policy: tell the DPO
 * at once, and let the DPO judge). It is held as 'reported', with the reporter's words and when
 * they noticed it, and the clocks run from then: the DPO triages it into the register as a breach
 * or a near miss, with its kind. The reporter is told only that it was received, and its reference.
 */
import { randomUUID } from 'node:crypto';
import { InputError } from '../records/errors.ts';
import { manifestFor, registerController, type Call, type Store } from '../records/store.ts';
import { checkOneOf } from '../rights/requests/input.ts';
import { breachReference } from './by-category.ts';
import { checkPastInstant, checkTypes } from './input.ts';
import { sameBreachJustRecorded, type Logged } from './register.ts';
import { openBreach, required, step } from './steps.ts';
import { BREACH_KINDS, type BreachKind, type BreachType } from './vocabulary.ts';

/** How a reported breach is held until the DPO triages it. */
const UNTRIAGED: Omit<Logged, 'summary' | 'awareAt'> = {
  kind: 'breach',
  types: [],
  occurredAt: null,
  categories: [],
  activities: [],
  coreData: false,
  approxPeople: null,
  approxRecords: null,
};

export interface SuspectedBreach {
  /** What happened, in words that name no one. */
  summary: string;
  /** When the reporter noticed it. */
  noticedAt: Date | string;
}

/** Report a suspected breach to the DPO; returns its id and the reference to quote. */
export async function reportSuspectedBreach(
  store: Store,
  call: Call,
  input: SuspectedBreach,
): Promise<{ id: string; reference: string }> {
  const manifest = manifestFor(store, call.actor.controllerId);
  const id = await step(
    store,
    call,
    'breach.suspected',
    async () => {
      const summary = required(input?.summary, 'summary');
      const noticedAt = checkPastInstant(input.noticedAt, 'noticedAt', store.now());
      const logged = { ...UNTRIAGED, summary, awareAt: noticedAt };
      return {
        summary,
        noticedAt,
        duplicate: await sameBreachJustRecorded(store.db, call, logged, store.now()),
      };
    },
    async (tx, c, at) => {
      // The same report sent again (a double click, a refresh) is the one already received.
      if (c.duplicate) return c.duplicate;
      const newId = randomUUID();
      await registerController(tx, manifest);
      await tx.query(
        `insert into breaches (id, controller_id, kind, types, summary, aware_at, recorded_at, recorded_by, status)
         values ($1, $2, 'breach', '{}', $3, $4, $5, $6, 'reported')`,
        [newId, call.actor.controllerId, c.summary, c.noticedAt, at, call.actor.id],
      );
      return newId;
    },
  );
  return { id, reference: breachReference(id) };
}

/** The DPO takes a reported breach into the register: a breach or a near miss, and its kind. */
export async function triageBreach(
  store: Store,
  call: Call,
  breachId: string,
  t: { kind: BreachKind; types: BreachType[] },
): Promise<string> {
  return step(
    store,
    call,
    'breach.triage',
    async () => {
      const row = await openBreach(store, call, breachId);
      if (row.status !== 'reported')
        throw new InputError('breachId', 'The breach is already in the register');
      return { row, kind: checkOneOf(t?.kind, BREACH_KINDS, 'kind'), types: checkTypes(t.types) };
    },
    async (tx, c) => {
      await tx.query(`update breaches set status = 'open', kind = $2, types = $3 where id = $1`, [
        c.row.id,
        c.kind,
        c.types,
      ]);
      return c.row.id;
    },
  );
}
