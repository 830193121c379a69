/** Custos's retention sweeper as an actor: the system, acting under the schedule, with no purpose of its own. */
import type { Channel } from '../audit/event.ts';
import type { Call } from '../records/store.ts';

export const SWEEPER_ID = 'custos-retention';

export function sweeperCall(controllerId: string, channel: Channel = 'system'): Call {
  return { actor: { id: SWEEPER_ID, kind: 'system', controllerId, roles: [] }, purpose: undefined, channel };
}
