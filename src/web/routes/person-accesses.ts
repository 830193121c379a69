/**
 * The DPO's "who accessed this file" panel on a person's file. Staff, contractors' and connected
 * systems' accesses and refusals are what the DPO looks for; the person's own use of their online
 * account would drown them (forty portal visits push every staff read off the list), so it is
 * counted in one line, as the subject access pack does (OWN_USE_KIND). No raw actor id is shown:
 * an actor named by an id (a resident's account) is shown by its kind, in the pack's words.
 */
import { recentAccesses, usesBy, type AccessSummary } from '../../audit/queries.ts';
import { OWN_USE_KIND, whoWords } from '../../rights/sar/accesses.ts';
import type { Queryable } from '../../store/db.ts';

const HAS_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Who made an entry: a username or a service's name as is; anything carrying an id, by its kind. */
export const actorWords = (a: Pick<AccessSummary, 'actor' | 'actorKind'>): string =>
  HAS_ID.test(a.actor) ? whoWords(a.actorKind) : a.actor;

export async function accessPanel(db: Queryable, personId: string, limit = 50) {
  const [others, own] = await Promise.all([
    recentAccesses(db, personId, limit, OWN_USE_KIND),
    usesBy(db, personId, OWN_USE_KIND),
  ]);
  return {
    accesses: others.map((a) => ({ ...a, who: actorWords(a) })),
    ownUse: own.times > 0 ? own : undefined,
  };
}
