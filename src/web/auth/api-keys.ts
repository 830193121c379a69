/**
 * Service accounts and their API keys: a housing management system (say) pushes records through
 * the API as a service actor holding the manifest's roles, and each call must name a purpose the
 * account is allowed. Keys look like "ck.<id>.<secret>"; only a hash of the secret is stored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../access/decide.ts';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { InputError } from '../../records/errors.ts';
import { registerController } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { hashToken, sameHash } from './secrets.ts';
import { staffPurposes } from './staff-accounts.ts';

export interface ServiceAccount {
  id: string;
  controllerId: string;
  name: string;
  roles: string[];
  patches: string[];
  teams: string[];
  purposes: string[];
}

export interface NewServiceAccount {
  name: string;
  roles: string[];
  purposes: string[];
  patches?: string[];
  teams?: string[];
}

function checkNew(manifest: Manifest, input: NewServiceAccount): void {
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(input.name))
    throw new InputError('name', 'use 2 to 63 lower-case letters, digits, dots, hyphens or underscores');
  const roles = lookup(manifest).roles;
  for (const id of input.roles) {
    const role = roles.get(id);
    if (!role) throw new InputError('roles', `"${id}" is not a role the manifest declares`);
    if (role.kind !== 'staff') throw new InputError('roles', `"${id}" is a third-party role`);
  }
  if (input.purposes.length === 0) throw new InputError('purposes', 'give at least one purpose');
  const granted = staffPurposes(manifest, { roles: input.roles, kind: 'staff' });
  const outside = input.purposes.find((p) => !granted.includes(p));
  if (outside) throw new InputError('purposes', `none of the account's roles may act for "${outside}"`);
}

export async function createServiceAccount(
  db: Queryable,
  manifest: Manifest,
  input: NewServiceAccount,
  now: Date,
): Promise<string> {
  checkNew(manifest, input);
  const id = randomUUID();
  await registerController(db, manifest);
  await db.query(
    `insert into web_service_accounts (id, controller_id, name, roles, patches, teams, purposes, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      manifest.controller.id,
      input.name,
      input.roles,
      input.patches ?? [],
      input.teams ?? [],
      input.purposes,
      now,
    ],
  );
  return id;
}

/** A new key for the account; the whole key is returned once and never stored. */
export async function issueApiKey(db: Queryable, serviceAccountId: string, now: Date): Promise<string> {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    'insert into web_api_keys (id, service_account_id, secret_hash, created_at) values ($1, $2, $3, $4)',
    [keyId, serviceAccountId, hashToken(secret), now],
  );
  return `ck.${keyId}.${secret}`;
}

export async function revokeApiKey(db: Queryable, keyId: string, now: Date): Promise<void> {
  await db.query('update web_api_keys set revoked_at = $2 where id = $1 and revoked_at is null', [
    keyId,
    now,
  ]);
}

interface KeyRow {
  secret_hash: Uint8Array;
  id: string;
  controller_id: string;
  name: string;
  roles: string[];
  patches: string[];
  teams: string[];
  purposes: string[];
}

/** The service account a presented key belongs to, if the key is whole, live and not revoked. */
export async function authenticateApiKey(
  db: Queryable,
  presented: string,
): Promise<ServiceAccount | undefined> {
  const match = /^ck\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/.exec(presented);
  if (!match) return undefined;
  const [row] = await db.query<KeyRow>(
    `select k.secret_hash, s.id, s.controller_id, s.name, s.roles, s.patches, s.teams, s.purposes
       from web_api_keys k join web_service_accounts s on s.id = k.service_account_id
      where k.id = $1 and k.revoked_at is null and s.disabled_at is null`,
    [match[1]],
  );
  if (!row || !sameHash(row.secret_hash, hashToken(match[2]!))) return undefined;
  return {
    id: row.id,
    controllerId: row.controller_id,
    name: row.name,
    roles: row.roles,
    patches: row.patches,
    teams: row.teams,
    purposes: row.purposes,
  };
}

export function serviceActor(account: ServiceAccount): Actor {
  return {
    id: `service:${account.name}`,
    kind: 'service',
    controllerId: account.controllerId,
    roles: account.roles,
    patches: account.patches,
    teams: account.teams,
  };
}
