/**
 * Every choice a visitor makes about cookies, logged on the server (the banner posts it): which
 * non-essential categories were allowed and refused, how, whether GPC was on, and the notice
 * version. It is not linked to anyone: the consent id is the random number in the visitor's own
 * consent cookie, and no IP address or browser details are kept.
 */
import { randomUUID } from 'node:crypto';
import type { Manifest } from '../../manifest/schema.ts';
import { InputError } from '../../records/errors.ts';
import { checkId, checkOneOf } from '../../rights/requests/input.ts';
import type { Queryable } from '../../store/db.ts';
import { cookieBannerConfig } from './config.ts';
import { gpcFromHeaders, type HeaderValue } from './gpc.ts';

export const CHOICE_METHODS = ['accept-all', 'reject-all', 'settings', 'gpc'] as const;
export type ChoiceMethod = (typeof CHOICE_METHODS)[number];

export interface CookieChoice {
  consentId: string;
  accepted: string[];
  rejected: string[];
  method: ChoiceMethod;
  gpc: boolean;
  noticeVersion: string;
}

function checkCategories(value: unknown, field: string, known: readonly string[]): string[] {
  if (!Array.isArray(value)) throw new InputError(field, 'must be a list of cookie categories');
  for (const v of value)
    if (typeof v !== 'string' || !known.includes(v))
      throw new InputError(
        field,
        `${JSON.stringify(v)?.slice(0, 30)} is not one of ${known.join(', ') || '(none)'}`,
      );
  if (new Set(value).size !== value.length) throw new InputError(field, 'names a category twice');
  return value as string[];
}

/** Check a choice as the banner sends it; GPC counts if the header or the browser says so. */
export function checkCookieChoice(
  manifest: Manifest,
  input: unknown,
  headers: Record<string, HeaderValue>,
): CookieChoice {
  if (!input || typeof input !== 'object') throw new InputError('body', 'must be a JSON object');
  const v = input as Record<string, unknown>;
  const known = cookieBannerConfig(manifest).categories.map((c) => c.id as string);
  const accepted = checkCategories(v.accepted, 'accepted', known);
  const rejected = checkCategories(v.rejected, 'rejected', known);
  const overlap = accepted.find((c) => rejected.includes(c));
  if (overlap) throw new InputError('rejected', `"${overlap}" is both accepted and rejected`);
  const missing = known.find((c) => !accepted.includes(c) && !rejected.includes(c));
  if (missing) throw new InputError('accepted', `says nothing about "${missing}" cookies`);
  const method = checkOneOf(v.method, CHOICE_METHODS, 'method');
  if (method === 'accept-all' && rejected.length)
    throw new InputError('rejected', 'must be empty when all are accepted');
  if ((method === 'reject-all' || method === 'gpc') && accepted.length)
    throw new InputError('accepted', `must be empty for ${method}`);
  if (v.gpc !== undefined && typeof v.gpc !== 'boolean') throw new InputError('gpc', 'must be true or false');
  const gpc = v.gpc === true || gpcFromHeaders(headers);
  if (method === 'gpc' && !gpc)
    throw new InputError('method', 'is gpc, but no Global Privacy Control signal came');
  const versions = [manifest.notice.version, ...manifest.notice.changelog.map((c) => c.version)];
  if (typeof v.noticeVersion !== 'string' || !versions.includes(v.noticeVersion))
    throw new InputError(
      'noticeVersion',
      `is not a version of the privacy notice (known: ${versions.join(', ')})`,
    );
  return {
    consentId: checkId(v.consentId, 'consentId'),
    accepted,
    rejected,
    method,
    gpc,
    noticeVersion: v.noticeVersion,
  };
}

/** Log a visitor's choice; returns the log entry's id. Bad input is refused with nothing written. */
export async function logCookieChoice(
  db: Queryable,
  manifest: Manifest,
  input: unknown,
  headers: Record<string, HeaderValue>,
  now: Date,
): Promise<string> {
  const c = checkCookieChoice(manifest, input, headers);
  const id = randomUUID();
  await db.query(
    `insert into cookie_choices (id, controller_id, consent_id, accepted, rejected, method, gpc, notice_version, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, manifest.controller.id, c.consentId, c.accepted, c.rejected, c.method, c.gpc, c.noticeVersion, now],
  );
  return id;
}

export interface LoggedChoice extends CookieChoice {
  id: string;
  at: Date;
}

/** The choices logged under one consent id, oldest first: which was in force when. */
export async function cookieChoicesFor(
  db: Queryable,
  controllerId: string,
  consentId: string,
): Promise<LoggedChoice[]> {
  const rows = await db.query<{
    id: string;
    consent_id: string;
    accepted: string[];
    rejected: string[];
    method: ChoiceMethod;
    gpc: boolean;
    notice_version: string;
    at: Date;
  }>(
    `select id, consent_id, accepted, rejected, method, gpc, notice_version, at from cookie_choices
      where controller_id = $1 and consent_id = $2 order by at, id`,
    [controllerId, checkId(consentId, 'consentId')],
  );
  return rows.map((r) => ({
    id: r.id,
    consentId: r.consent_id,
    accepted: r.accepted,
    rejected: r.rejected,
    method: r.method,
    gpc: r.gpc,
    noticeVersion: r.notice_version,
    at: r.at,
  }));
}
