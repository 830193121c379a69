/**
 * Opening a person's file for the person view: under the actor's break-glass grant for that person
 * and purpose when one is in force (each read then audited as break-glass), with the offer of
 * emergency access where the gate refuses something a stated reason could open, and the record
 * types the gate lets the actor add to the file for this purpose.
 */
import { lookup } from '../../manifest/lookup.ts';
import { activeBreakGlass, breakGlassCheck, type BreakGlassGrant } from '../../records/break-glass.ts';
import { AccessDenied } from '../../records/errors.ts';
import { readPersonFile, type PersonFile } from '../../records/records.ts';
import { writableTypes } from '../../records/staff-records.ts';
import type { Call } from '../../records/store.ts';
import type { WebContext } from '../context.ts';

/**
 * "Add a contact log", "Add an application", "Add a CCTV clip", "Add an ASB case" (an acronym
 * keeps its capitals),
 * "Add equality monitoring answers" (a plural name takes no article).
 */
export const addWords = (typeName: string) => {
  const acronym = /^[A-Z]{2}/.test(typeName);
  const name = acronym ? typeName : typeName.charAt(0).toLowerCase() + typeName.slice(1);
  if (/[^s]s$/.test(name)) return `Add ${name}`;
  // An acronym is said letter by letter: "an ASB case", "a CCTV clip".
  const vowelSound = acronym ? /^[AEFHILMNORSX]/.test(name) : /^[aeiou]/i.test(name);
  return `Add ${vowelSound ? 'an' : 'a'} ${name}`;
};

export const emergencyAccessUrl = (personId: string, purpose: string) =>
  `/staff/people/${personId}/emergency-access?purpose=${encodeURIComponent(purpose)}`;

export interface FileExtras {
  emergency?: { reason: string; until: Date };
  emergencyUrl?: string;
  addLinks: { href: string; text: string }[];
  added?: string;
}

export type OpenedFile = { file: PersonFile; extras: FileExtras } | { refused: string; emergencyUrl: string };

const underGrant = (call: Call, grant: BreakGlassGrant | undefined): Call =>
  grant ? { ...call, actor: { ...call.actor, breakGlass: grant.reason } } : call;

/**
 * The file as the gate lets this actor see it. A refusal of the whole file that break-glass could
 * lift comes back as `refused` (the page offers emergency access); any other refusal is thrown.
 */
export async function openPersonFile(
  ctx: WebContext,
  call: Call,
  personId: string,
  added?: string,
): Promise<OpenedFile> {
  const purpose = call.purpose!;
  const grant = await activeBreakGlass(ctx.store, call, ctx.controllerId, personId);
  const emergencyUrl = emergencyAccessUrl(personId, purpose);
  let file: PersonFile;
  try {
    file = await readPersonFile(ctx.store, underGrant(call, grant), personId);
  } catch (error) {
    if (error instanceof AccessDenied && !grant && (await breakGlassCheck(ctx.store, call, personId)).opens)
      return { refused: error.reason.charAt(0).toUpperCase() + error.reason.slice(1), emergencyUrl };
    throw error;
  }
  const hidden = file.withheld > 0 || Object.keys(file.profile).length === 0;
  const offer = !grant && hidden && (await breakGlassCheck(ctx.store, call, personId)).opens;
  const writable = await writableTypes(ctx.store, call, personId);
  const typeName = added && lookup(ctx.manifest).recordTypes.get(added)?.name;
  return {
    file,
    extras: {
      ...(grant && { emergency: grant }),
      ...(offer && { emergencyUrl }),
      addLinks: writable.map((t) => ({
        href: `/staff/people/${personId}/add?purpose=${encodeURIComponent(purpose)}&type=${t.id}`,
        text: addWords(t.name),
      })),
      ...(typeName && { added: typeName }),
    },
  };
}
