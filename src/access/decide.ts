/**
 * The access gate's decision: one pure function, used by every path to personal data. Default
 * deny. Role → purposes → activities → record types and fields come from the manifest; the
 * record's patch, team and assignment give need-to-know; restriction (Art. 18) stops everything
 * but storage; break-glass opens a staff member's own fields beyond their scope, flagged. A data
 * subject reads their own records and uses their own rights, nothing more (decideForSubject).
 */
import { unconsentedCategories, type ConsentInForce } from '../consent/reliance.ts';
import { lookup } from '../manifest/lookup.ts';
import { PERSON_TYPE, SUBJECT_ACCESS_ACTIVITY } from '../manifest/reserved.ts';
import type { Manifest, RecordType, Role } from '../manifest/schema.ts';

export type ActorKind = 'staff' | 'third-party' | 'subject' | 'service' | 'system';
/**
 * 'aggregate' is counting a person's values into statistics without anyone seeing them: allowed
 * wherever read would be, and also through a role's aggregate-only access entries.
 */
export type AccessAction = 'read' | 'create' | 'update' | 'aggregate';

export interface Actor {
  id: string;
  kind: ActorKind;
  controllerId: string;
  roles: readonly string[];
  patches?: readonly string[];
  teams?: readonly string[];
  /** For a data subject acting for themself. */
  personId?: string;
  /** A stated reason for emergency access beyond the actor's scope; always flagged for review. */
  breakGlass?: string;
}

export interface RecordContext {
  patch?: string | null;
  team?: string | null;
  assignedTo?: string | null;
  closedAt?: Date | null;
}

export interface AccessRequest {
  actor: Actor;
  purpose: string | undefined;
  action: AccessAction;
  controllerId: string;
  personId: string;
  recordType: string;
  /** Fields wanted; all the type's fields when absent. */
  fields?: readonly string[];
  record?: RecordContext;
  restricted?: boolean;
  /**
   * The person's objections in force (Art. 21): the activities objected to, and
   * OBJECTS_TO_DIRECT_MARKETING for all direct marketing.
   */
  objections?: readonly string[];
  /**
   * The person's consents in force (Art. 7). What only consent makes lawful is refused without
   * one for its activity; absent means none, so a caller that does not load them fails closed.
   */
  consents?: readonly ConsentInForce[];
  /**
   * A subject access request is being answered (Art. 15): everything held about the requester must
   * be found, so a record type kept to its own team (segregated) is open to the roles that handle
   * the request. Their grants still decide the fields; set by gateState() from the call.
   */
  answeringAccessRequest?: boolean;
  now: Date;
}

export type { ConsentInForce };

/** An objection to every direct-marketing activity (no activity id can contain "*"). */
export const OBJECTS_TO_DIRECT_MARKETING = '*direct-marketing';

export interface Decision {
  allowed: boolean;
  fields: string[];
  reason: string;
  /** Set when access was granted by break-glass and must be reviewed. */
  breakGlass?: boolean;
  /** Set when a right the person used refused it, whatever the actor's roles: for callers that count why. */
  refusedBy?: PersonRefusal;
}

/** The person's own rights that refuse access to their data: restriction, objection, no consent. */
export type PersonRefusal = 'restriction' | 'objection' | 'consent';

const deny = (reason: string, refusedBy?: PersonRefusal): Decision => ({
  allowed: false,
  fields: [],
  reason,
  ...(refusedBy && { refusedBy }),
});

function scopeAllows(
  role: Role,
  actor: Actor,
  record: RecordContext | undefined,
  now: Date,
): string | undefined {
  switch (role.scope) {
    case 'all':
      return undefined;
    case 'patch':
      return record?.patch && actor.patches?.includes(record.patch)
        ? undefined
        : 'the record is not in your patch';
    case 'team':
      return record?.team && actor.teams?.includes(record.team)
        ? undefined
        : 'the record is not assigned to your team';
    case 'assigned':
      if (record?.assignedTo !== actor.id) return 'the job is not assigned to you';
      return record.closedAt && record.closedAt <= now ? 'the job is closed' : undefined;
  }
}

function fieldsFor(
  role: Role,
  type: RecordType,
  coveredCategories: Set<string>,
  action: AccessAction,
): string[] {
  const forType = role.access.filter((a) => a.recordType === type.id);
  // Counting may use any of the role's entries for the type; reading and writing never use an
  // aggregate-only entry (the first other entry that fits decides, as it always has).
  const grants =
    action === 'aggregate'
      ? forType
      : forType.filter((a) => !a.aggregate && (action === 'read' || a.write)).slice(0, 1);
  const named = grants.flatMap((g) => (g.fields === '*' ? type.fields.map((f) => f.name) : g.fields));
  // Need-to-know twice over: the role must be given the field, and the purpose must cover its category.
  return type.fields
    .filter((f) => named.includes(f.name) && coveredCategories.has(f.category))
    .map((f) => f.name);
}

function narrow(allowed: string[], wanted: readonly string[] | undefined): string[] {
  return wanted ? allowed.filter((f) => wanted.includes(f)) : allowed;
}

/**
 * A data subject acting for themself (the residents' portal). They may read all of their own
 * records (Art. 15). And they may exercise their own rights: making a request, naming someone to
 * act for them, giving or withdrawing consent. Those writes are about the person, not of any
 * record's fields, so the rights modules judge them as "create" on the person's details under the
 * rights purpose, which is what is allowed here, about themself only. Changing their details
 * (update) is rectification, which goes through a request a caseworker decides; writing any other
 * record type, or anything about another person, stays refused.
 */
function decideForSubject(actor: Actor, req: AccessRequest, type: RecordType, activityId: string): Decision {
  if (actor.personId === undefined || actor.personId !== req.personId)
    return deny('people may read or act on only their own records');
  if (req.action === 'read')
    return {
      allowed: true,
      fields: narrow(
        type.fields.map((f) => f.name),
        req.fields,
      ),
      reason: 'your own record',
    };
  if (req.action === 'aggregate') return deny('people may read their own records, not count others’');
  if (req.action === 'create' && type.id === PERSON_TYPE && activityId === SUBJECT_ACCESS_ACTIVITY)
    // No field of their details is written: the request, representative or consent is its own row.
    return { allowed: true, fields: [], reason: 'your own rights' };
  return deny(
    req.action === 'update' && type.id === PERSON_TYPE
      ? 'people may not change their own details here: ask us to correct them (a rectification request)'
      : 'people may read their own records and use their own rights, but not write records',
  );
}

export function decide(manifest: Manifest, req: AccessRequest): Decision {
  const l = lookup(manifest);
  const { actor } = req;
  if (actor.controllerId !== req.controllerId) return deny('the record belongs to another controller');
  if (!req.purpose) return deny('no purpose was given');
  const activity = l.activities.get(req.purpose);
  if (!activity) return deny(`"${req.purpose}" is not a declared purpose`);
  const type = l.recordTypes.get(req.recordType);
  if (!type) return deny(`"${req.recordType}" is not a declared record type`);
  if (!type.activities.includes(activity.id))
    return deny(`${type.name} records do not serve ${activity.name}`);
  // Restriction leaves storage, and people seeing their own data (Art. 18(2), Art. 15).
  const ownRead = actor.kind === 'subject' && actor.personId === req.personId && req.action === 'read';
  if (req.restricted && req.action !== 'create' && !ownRead)
    return deny('processing of this person’s data is restricted (Art. 18)', 'restriction');
  // People reading their own data are not doing what they objected to.
  const objected =
    req.objections?.includes(activity.id) ||
    (activity.directMarketing && req.objections?.includes(OBJECTS_TO_DIRECT_MARKETING));
  if (objected && actor.kind !== 'subject')
    return deny(`this person has objected to ${activity.name} (Art. 21)`, 'objection');
  // Withdrawn, lapsed or never given consent stops what rests on it at once (Art. 7(3)); people
  // reading their own data are not doing that processing.
  const unconsented =
    actor.kind === 'subject' ? undefined : unconsentedCategories(manifest, activity, req.consents, req.now);
  if (unconsented?.size && activity.categories.every((c) => unconsented.has(c)))
    return deny(
      `this person has not given consent to ${activity.name}, or has withdrawn it (Art. 7)`,
      'consent',
    );
  const wantedUnknown = req.fields?.find((f) => !type.fields.some((x) => x.name === f));
  if (wantedUnknown) return deny(`"${wantedUnknown}" is not a field of ${type.name}`);

  if (actor.kind === 'subject') return decideForSubject(actor, req, type, activity.id);
  if (actor.kind === 'system') {
    return {
      allowed: true,
      fields: narrow(
        type.fields.filter((f) => !unconsented?.has(f.category)).map((f) => f.name),
        req.fields,
      ),
      reason: 'Custos itself',
    };
  }
  const covered = new Set(activity.categories.filter((c) => !unconsented?.has(c)));
  let outOfScope: string | undefined;
  let countOnly: string | undefined;
  for (const roleId of actor.roles) {
    const role = l.roles.get(roleId);
    if (!role || !role.purposes.includes(activity.id)) continue;
    if ((role.kind === 'third-party') !== (actor.kind === 'third-party')) continue;
    const keptToTeam = req.answeringAccessRequest ? undefined : type.segregated;
    if (keptToTeam && (role.team !== keptToTeam || !actor.teams?.includes(keptToTeam))) continue;
    const fields = narrow(fieldsFor(role, type, covered, req.action), req.fields);
    if (fields.length === 0) {
      // A role that may only count these records is told so, rather than "none of your roles".
      if (req.action === 'read' && narrow(fieldsFor(role, type, covered, 'aggregate'), req.fields).length)
        countOnly ??= `${role.name} may count ${type.name} records for statistics but not see one person’s`;
      continue;
    }
    const scopeProblem = scopeAllows(role, actor, req.record, req.now);
    if (!scopeProblem) return { allowed: true, fields, reason: `${role.name} for ${activity.name}` };
    if (actor.breakGlass && actor.kind === 'staff' && req.action === 'read') {
      return { allowed: true, fields, reason: `break-glass: ${actor.breakGlass}`, breakGlass: true };
    }
    outOfScope = scopeProblem;
  }
  if (outOfScope) return deny(outOfScope);
  if (countOnly) return deny(countOnly);
  if (type.segregated) return deny(`${type.name} records are kept to their own team`);
  const verb = req.action === 'aggregate' ? 'count' : req.action;
  return deny(`none of your roles may ${verb} ${type.name} records for ${activity.name}`);
}

/** Keep only the permitted fields of a payload: responses never carry more than the decision. */
export function filterFields<T extends Record<string, unknown>>(
  payload: T,
  fields: readonly string[],
): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) if (f in payload) out[f as keyof T] = payload[f as keyof T];
  return out;
}

/** What the audit records as the reason: nothing for a plain grant, else the refusal or the break-glass reason. */
export function auditReason(d: Decision): string | null {
  return d.allowed && !d.breakGlass ? null : d.reason;
}
