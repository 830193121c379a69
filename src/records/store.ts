/**
 * What the people and records services need: the database, the master keys, each controller's
 * manifest and the clock. Built once at the composition root.
 */
import type { Manifest } from '../manifest/schema.ts';
import type { Db, Queryable } from '../store/db.ts';
import type { MasterKeyRing } from '../store/keys.ts';
import { SqlKeyVault, type KeyVault } from '../store/key-vault.ts';
import { appendAudit } from '../audit/append.ts';
import type { AuditEvent, Channel } from '../audit/event.ts';
import type { Actor } from '../access/decide.ts';
import { NotFound } from './errors.ts';

export interface Store {
  db: Db;
  keys: MasterKeyRing;
  /** Where data keys live; a separate database in production (see compose.ts). */
  vault?: KeyVault;
  manifests: ReadonlyMap<string, Manifest>;
  now: () => Date;
}

const fallbackVaults = new WeakMap<Store, KeyVault>();

/**
 * The store's key vault. Without one configured, the vault table in the data database is used:
 * fine for tests and a single database, but then a dump of that database carries the wrapped keys.
 */
export function vaultOf(store: Store): KeyVault {
  if (store.vault) return store.vault;
  let vault = fallbackVaults.get(store);
  if (!vault) {
    vault = new SqlKeyVault(store.db, store.keys);
    fallbackVaults.set(store, vault);
  }
  return vault;
}

export { PERSON_TYPE } from '../manifest/reserved.ts';

export function manifestFor(store: Store, controllerId: string): Manifest {
  const manifest = store.manifests.get(controllerId);
  if (!manifest) throw new NotFound(`controller "${controllerId}"`);
  return manifest;
}

export interface Call {
  actor: Actor;
  purpose: string | undefined;
  channel: Channel;
  /** The data subject whose own rights request this work answers, if it answers one. */
  forRequestOf?: string;
}

export function auditEvent(
  call: Call,
  controllerId: string,
  at: Date,
  e: Pick<AuditEvent, 'action' | 'outcome'> & Partial<AuditEvent>,
): AuditEvent {
  return {
    controllerId,
    at,
    actor: call.actor.id,
    actorKind: call.actor.kind,
    purpose: call.purpose ?? null,
    channel: call.channel,
    ...e,
  };
}

/**
 * Audit an allowed read of one person's records: which of them the caller was shown, and why
 * where the action alone does not say. Reads that show rows from a log (disclosures, objections)
 * name every row, so the person's access log says exactly what was seen.
 */
export async function auditRead(
  store: Store,
  call: Call,
  controllerId: string,
  read: { action: string; personId: string; rows: readonly { id: string }[]; reason?: string },
): Promise<void> {
  const { action, personId, rows, reason } = read;
  await appendAudit(store.db, [
    auditEvent(call, controllerId, store.now(), {
      action,
      outcome: 'allowed',
      personId,
      recordIds: rows.map((r) => r.id),
      ...(reason === undefined ? {} : { reason }),
    }),
  ]);
}

/** A refusal is recorded on its own, committed even though the request fails. */
export async function recordDenial(store: Store, event: AuditEvent): Promise<void> {
  await store.db.transaction((tx: Queryable) => appendAudit(tx, [event]));
}

/** Ensure the controller row exists (first use of a manifest). */
export async function registerController(db: Queryable, manifest: Manifest): Promise<void> {
  await db.query(
    'insert into controllers (id, name) values ($1, $2) on conflict (id) do update set name = excluded.name',
    [manifest.controller.id, manifest.controller.name],
  );
}
