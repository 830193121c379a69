/** Reading a representative back, through the gate and audited: it unseals the agent's details. */
import { NotFound } from '../../records/errors.ts';
import { auditRead, type Call, type Store, vaultOf } from '../../records/store.ts';
import { aad, unseal } from '../../store/person-keys.ts';
import type { IsoDate } from '../clock/index.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import type { Agent, Scope } from './create.ts';
import type { EvidenceKind, RepresentativeKind } from './vocabulary.ts';

export interface RepresentativeView {
  id: string;
  controllerId: string;
  personId: string;
  agent: Agent;
  kind: RepresentativeKind;
  scope: Scope[];
  evidence: { kind: EvidenceKind; reference: string } | null;
  startsOn: IsoDate;
  expiresOn: IsoDate | null;
  /** Set once the authority was ended before its expiry (endRepresentative); null while it stands. */
  ended: { on: IsoDate; reason: string; by: string } | null;
}

interface Row {
  controller_id: string;
  person_id: string;
  agent_person_id: string | null;
  kind: RepresentativeKind;
  agent_details: Uint8Array | null;
  scope: Scope[];
  evidence_kind: EvidenceKind | null;
  evidence_ref: Uint8Array | null;
  starts_on: string;
  expires_on: string | null;
  ended_on: string | null;
  end_reason: Uint8Array | null;
  ended_by: string | null;
}

export async function readRepresentative(store: Store, call: Call, id: string): Promise<RepresentativeView> {
  const [row] = await store.db.query<Row>(
    `select controller_id, person_id, agent_person_id, kind, agent_details, scope, evidence_kind, evidence_ref,
            starts_on, expires_on, ended_on, end_reason, ended_by from rights_representatives where id = $1`,
    [checkId(id, 'representativeId')],
  );
  if (!row) throw new NotFound('the representative');
  await auditingDenials(store, call, row.controller_id, 'representative.read', row.person_id, () =>
    gateSubject(store, call, row.controller_id, row.person_id, 'read'),
  );
  const key = (await vaultOf(store).load([row.person_id])).get(row.person_id);
  const open = <T>(sealed: Uint8Array, place: string) =>
    unseal<T>(key, sealed, aad(row.controller_id, row.person_id, `rights_representatives/${id}/${place}`));
  const view: RepresentativeView = {
    id,
    controllerId: row.controller_id,
    personId: row.person_id,
    agent: row.agent_person_id
      ? { personId: row.agent_person_id }
      : (({ name, organisation }) => ({ name, ...(organisation ? { organisation } : {}) }))(
          open<{ name: string; organisation: string | null }>(row.agent_details!, 'agent'),
        ),
    kind: row.kind,
    scope: row.scope,
    evidence:
      row.evidence_kind && row.evidence_ref
        ? { kind: row.evidence_kind, reference: open<string>(row.evidence_ref, 'evidence') }
        : null,
    startsOn: row.starts_on,
    expiresOn: row.expires_on,
    ended: row.ended_on
      ? {
          on: row.ended_on,
          reason: row.end_reason ? open<string>(row.end_reason, 'end') : '',
          by: row.ended_by ?? '',
        }
      : null,
  };
  await auditRead(store, call, row.controller_id, {
    action: 'representative.read',
    personId: row.person_id,
    rows: [{ id }],
  });
  return view;
}
