/** A person's consent records with every event, the sealed words opened, read through the gate and audited. */
import { unseal } from '../store/person-keys.ts';
import {
  consentWordsAad,
  gateConsent,
  type ConsentPerson,
  type ConsentWords,
  type LedgerState,
} from './consent.ts';
import { auditRead, type Call, type Store, vaultOf } from './store.ts';

export interface StoredConsentEvent {
  n: number;
  state: LedgerState;
  at: Date;
  noticeVersion: string | null;
  language: string | null;
  channel: string;
  method: string;
  explicit: boolean;
  expressedBy: 'subject' | 'representative' | 'controller';
  representativeId: string | null;
  recordedBy: string;
  recordedByKind: string;
  expiresAt: Date | null;
  words: ConsentWords | null;
}

export interface StoredConsent {
  id: string;
  activityId: string;
  status: LedgerState;
  expiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  events: StoredConsentEvent[];
}

interface RecordRow {
  id: string;
  activity_id: string;
  status: LedgerState;
  expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface EventRow {
  record_id: string;
  n: number;
  state: LedgerState;
  at: Date;
  notice_version: string | null;
  language: string | null;
  channel: string;
  method: string;
  explicit: boolean;
  expressed_by: StoredConsentEvent['expressedBy'];
  representative_id: string | null;
  recorded_by: string;
  recorded_by_kind: string;
  expires_at: Date | null;
  words: Uint8Array | null;
}

export async function readConsents(
  store: Store,
  call: Call,
  personId: string,
  action = 'consent.read',
): Promise<{ person: ConsentPerson; consents: StoredConsent[] }> {
  const person = await gateConsent(store, call, personId, action);
  const key = (await vaultOf(store).load([person.id])).get(person.id);
  const records = await store.db.query<RecordRow>(
    `select id, activity_id, status, expires_at, created_at, updated_at from consent_records
      where person_id = $1 order by created_at, activity_id`,
    [person.id],
  );
  const events = await store.db.query<EventRow>(
    `select e.record_id, e.n, e.state, e.at, e.notice_version, e.language, e.channel, e.method, e.explicit,
            e.expressed_by, e.representative_id, e.recorded_by, e.recorded_by_kind, e.expires_at, e.words
       from consent_events e join consent_records c on c.id = e.record_id
      where c.person_id = $1 order by e.record_id, e.n`,
    [person.id],
  );
  const consents = records.map((r) => ({
    id: r.id,
    activityId: r.activity_id,
    status: r.status,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    events: events
      .filter((e) => e.record_id === r.id)
      .map((e) => ({
        n: e.n,
        state: e.state,
        at: e.at,
        noticeVersion: e.notice_version,
        language: e.language,
        channel: e.channel,
        method: e.method,
        explicit: e.explicit,
        expressedBy: e.expressed_by,
        representativeId: e.representative_id,
        recordedBy: e.recorded_by,
        recordedByKind: e.recorded_by_kind,
        expiresAt: e.expires_at,
        words: e.words
          ? unseal<ConsentWords>(key, e.words, consentWordsAad(person.controllerId, person.id, r.id, e.n))
          : null,
      })),
  }));
  await auditRead(store, call, person.controllerId, { action, personId: person.id, rows: records });
  return { person, consents };
}
