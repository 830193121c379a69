/**
 * Who the controller is and how to reach it. A new identity or a new Data Protection Officer
 * contact is material (Art. 13(1)(a) and (b)); other contact details are kept up to date quietly.
 */
import type { Controller } from '../../manifest/schema.ts';
import { matchById } from './match.ts';
import { material, materialIf, minor, type FoundChange } from './types.ts';

type Registrations = Controller['registrations'];
type Person = NonNullable<Controller['dpo']>;

const REGISTRATION_WORDS: Record<keyof Registrations, string> = {
  ico: 'ICO registration number',
  regulator: 'Regulator of Social Housing registration',
  society: 'society number',
  company: 'company number',
  charity: 'charity number',
};

function identityChanges(old: Controller, next: Controller): FoundChange[] {
  const changes: FoundChange[] = [];
  if (old.name !== next.name) {
    changes.push(
      material('controller-changed', 'controller.name', `We are now "${next.name}" (we were "${old.name}")`),
    );
  }
  if (old.kind !== next.kind) {
    const words = (kind: Controller['kind']) =>
      kind === 'almo' ? 'an ALMO' : `a ${kind.replace(/-/g, ' ')}`;
    changes.push(
      material(
        'controller-changed',
        'controller.kind',
        `We are now ${words(next.kind)} (we were ${words(old.kind)})`,
      ),
    );
  }
  for (const key of Object.keys(REGISTRATION_WORDS) as (keyof Registrations)[]) {
    const [was, now] = [old.registrations[key], next.registrations[key]];
    if (was === now) continue;
    // A number given for the first time adds detail; a number that changes or goes means a different body.
    const summary = `Our ${REGISTRATION_WORDS[key]} is now ${now ?? 'not given'} (was ${was ?? 'not given'})`;
    changes.push(
      materialIf(was !== undefined, 'controller-changed', `controller.registrations.${key}`, summary),
    );
  }
  return changes;
}

const DETAIL_WORDS = {
  shortName: 'short name',
  tradingNames: 'trading names',
  publicAuthority: 'status as a public authority',
  nation: 'nation',
  regulator: 'regulator',
} as const;

function detailChanges(old: Controller, next: Controller): FoundChange[] {
  return (Object.keys(DETAIL_WORDS) as (keyof typeof DETAIL_WORDS)[])
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(next[field]))
    .map((field) =>
      minor('controller-details-changed', `controller.${field}`, `Our ${DETAIL_WORDS[field]} changed`),
    );
}

function contactChanges(old: Controller, next: Controller): FoundChange[] {
  const changes: FoundChange[] = [];
  if (old.address !== next.address)
    changes.push(
      minor('contact-changed', 'controller.address', `Our address is now ${next.address ?? 'not given'}`),
    );
  if (old.website !== next.website)
    changes.push(
      minor('contact-changed', 'controller.website', `Our website is now ${next.website ?? 'not given'}`),
    );
  const ways = (c: Controller) => c.contacts.map((contact) => `${contact.kind}: ${contact.value}`);
  const added = ways(next).filter((way) => !ways(old).includes(way));
  const removed = ways(old).filter((way) => !ways(next).includes(way));
  if (added.length || removed.length) {
    const summary = [
      added.length ? `you can now contact us by ${added.join(', ')}` : '',
      removed.length ? `we no longer use ${removed.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    changes.push(
      minor('contact-changed', 'controller.contacts', summary.charAt(0).toUpperCase() + summary.slice(1)),
    );
  }
  if (JSON.stringify(old.representative) !== JSON.stringify(next.representative)) {
    changes.push(
      minor(
        'contact-changed',
        'controller.representative',
        'The contact details of our representative changed',
      ),
    );
  }
  return changes;
}

function personWords(person: Person): string {
  return [person.name, person.title, person.email, person.phone, person.address].filter(Boolean).join(', ');
}

function dpoChanges(old: Controller, next: Controller): FoundChange[] {
  if (JSON.stringify(old.dpo) === JSON.stringify(next.dpo)) return [];
  const summary = next.dpo
    ? `Our Data Protection Officer's details are now: ${personWords(next.dpo)}`
    : 'We no longer give contact details for a Data Protection Officer';
  return [material('dpo-changed', 'controller.dpo', summary)];
}

/** Group bodies that share the controller's processing: a new one is a new organisation using your data. */
function entityChanges(old: Controller, next: Controller): FoundChange[] {
  const { added, removed, pairs } = matchById(old.entities, next.entities);
  return [
    ...added.map((e) =>
      material(
        'entity-added',
        `controller.entities.${e.id}`,
        `"${e.name}" is now one of the organisations responsible for your data`,
      ),
    ),
    ...pairs
      .filter(([a, b]) => a.name !== b.name)
      .map(([a, b]) =>
        minor('wording-changed', `controller.entities.${b.id}`, `"${a.name}" is now called "${b.name}"`),
      ),
    ...removed.map((e) =>
      minor(
        'entity-removed',
        `controller.entities.${e.id}`,
        `"${e.name}" is no longer one of the organisations responsible for your data`,
      ),
    ),
  ];
}

export function controllerChanges(old: Controller, next: Controller): FoundChange[] {
  return [
    ...identityChanges(old, next),
    ...dpoChanges(old, next),
    ...entityChanges(old, next),
    ...contactChanges(old, next),
    ...detailChanges(old, next),
  ];
}
