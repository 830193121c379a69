/**
 * Recording an authorised representative: who acts for whom, for which rights, on what evidence
 * and for how long. An external representative's name and organisation and the evidence's
 * reference are sealed under the represented person's key; only ids, codes and dates are in clear.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { InputError } from '../../records/errors.ts';
import { auditEvent, type Call, type Store, vaultOf } from '../../records/store.ts';
import { aad, seal } from '../../store/person-keys.ts';
import type { IsoDate } from '../clock/index.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';
import { RIGHTS, type Right } from '../requests/vocabulary.ts';
import { isIsoDate } from '../clock/index.ts';
import {
  EVIDENCE_KINDS,
  REPRESENTATIVE_KINDS,
  type EvidenceKind,
  type RepresentativeKind,
} from './vocabulary.ts';

export type Agent = { personId: string } | { name: string; organisation?: string };
export type Scope = Right | 'all';

export interface NewRepresentative {
  controllerId: string;
  /** The person represented. */
  personId: string;
  agent: Agent;
  kind: RepresentativeKind;
  scope: readonly Scope[];
  evidence?: { kind: EvidenceKind; reference: string } | null;
  startsOn: IsoDate;
  expiresOn?: IsoDate | null;
}

interface Checked {
  personId: string;
  agentPersonId: string | null;
  details: { name: string; organisation: string | null } | null;
  kind: RepresentativeKind;
  scope: Scope[];
  evidence: { kind: EvidenceKind; reference: string } | null;
  startsOn: IsoDate;
  expiresOn: IsoDate | null;
}

function checkDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value))
    throw new InputError(field, `${JSON.stringify(value)} is not a real date written YYYY-MM-DD`);
  return value;
}

function checkShape(input: NewRepresentative): Checked {
  const personId = checkId(input.personId, 'personId');
  const agent = input.agent as Partial<{ personId: string; name: string; organisation: string }> | undefined;
  if (!agent || typeof agent !== 'object') throw new InputError('agent', 'is required');
  const agentPersonId = agent.personId !== undefined ? checkId(agent.personId, 'agent.personId') : null;
  if (agentPersonId === personId)
    throw new InputError('agent.personId', 'a person cannot represent themself');
  const name = agentPersonId ? undefined : checkText(agent.name, 'agent.name', true);
  const organisation = agentPersonId ? undefined : checkText(agent.organisation, 'agent.organisation', false);
  const kind = checkOneOf(input.kind, REPRESENTATIVE_KINDS, 'kind');
  if (!Array.isArray(input.scope) || input.scope.length === 0)
    throw new InputError('scope', 'must list the rights covered, or "all"');
  const scope = input.scope.map((s, i) => checkOneOf(s, [...RIGHTS, 'all'] as const, `scope[${i}]`));
  const evidence = input.evidence
    ? {
        kind: checkOneOf(input.evidence.kind, EVIDENCE_KINDS, 'evidence.kind'),
        reference: checkText(input.evidence.reference, 'evidence.reference', true)!,
      }
    : null;
  const startsOn = checkDate(input.startsOn, 'startsOn');
  const expiresOn =
    input.expiresOn === undefined || input.expiresOn === null
      ? null
      : checkDate(input.expiresOn, 'expiresOn');
  if (expiresOn && expiresOn < startsOn)
    throw new InputError('expiresOn', `${expiresOn} is before the authority starts (${startsOn})`);
  return {
    personId,
    agentPersonId,
    details: name ? { name, organisation: organisation ?? null } : null,
    kind,
    scope,
    evidence,
    startsOn,
    expiresOn,
  };
}

/** Record a representative; returns its id. Bad input is refused, audited, and nothing is written. */
export async function addRepresentative(store: Store, call: Call, input: NewRepresentative): Promise<string> {
  const action = 'representative.create';
  const c = await auditingDenials(store, call, input.controllerId, action, undefined, async () => {
    const checked = checkShape(input);
    await gateSubject(store, call, input.controllerId, checked.personId, 'create', 'personId', {
      byThePerson: true,
    });
    if (checked.agentPersonId)
      await gateSubject(store, call, input.controllerId, checked.agentPersonId, 'read', 'agent.personId');
    return checked;
  });
  const id = randomUUID();
  const now = store.now();
  const key = (await vaultOf(store).load([c.personId])).get(c.personId);
  if (!key) throw new InputError('personId', "the person's data has been erased");
  const sealed = (value: unknown, place: string) =>
    value === null
      ? null
      : seal(key, value, aad(input.controllerId, c.personId, `rights_representatives/${id}/${place}`));
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into rights_representatives (id, controller_id, person_id, agent_person_id, kind, agent_details, scope,
         evidence_kind, evidence_ref, starts_on, expires_on, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        input.controllerId,
        c.personId,
        c.agentPersonId,
        c.kind,
        sealed(c.details, 'agent'),
        c.scope,
        c.evidence?.kind ?? null,
        sealed(c.evidence ? c.evidence.reference : null, 'evidence'),
        c.startsOn,
        c.expiresOn,
        now,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, input.controllerId, now, {
        action,
        outcome: 'allowed',
        personId: c.personId,
        recordIds: [id],
        reason: `${c.kind} for ${c.scope.join(', ')}`,
      }),
    ]);
  });
  return id;
}
