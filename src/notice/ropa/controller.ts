/**
 * The block above the ICO template's table (rows 1 to 6): name and contact details of the
 * controller, its data protection officer and its representative (UK GDPR Art. 30(1)(a)).
 */
import type { Manifest } from '../../manifest/schema.ts';
import { NOT_APPLICABLE } from './columns.ts';

export const CONTROLLER_BLOCK_HEADINGS = [
  'Name and contact details',
  'Name',
  'Address',
  'Email',
  'Telephone',
] as const;

export interface ContactDetails {
  role: 'Controller' | 'Data Protection Officer' | 'Representative';
  name: string;
  address: string;
  email: string;
  phone: string;
}

type Person = NonNullable<Manifest['controller']['dpo']>;

function firstContact(manifest: Manifest, kind: 'email' | 'phone' | 'post'): string {
  return manifest.controller.contacts.find((c) => c.kind === kind)?.value ?? '';
}

function personDetails(
  role: ContactDetails['role'],
  person: Person | undefined,
  absent: string,
): ContactDetails {
  if (!person) return { role, name: absent, address: '', email: '', phone: '' };
  const name = [person.name, person.title].filter(Boolean).join(', ');
  return { role, name, address: person.address ?? '', email: person.email ?? '', phone: person.phone ?? '' };
}

export function controllerBlock(manifest: Manifest): ContactDetails[] {
  const { controller } = manifest;
  return [
    {
      role: 'Controller',
      name: controller.name,
      address: controller.address ?? firstContact(manifest, 'post'),
      email: firstContact(manifest, 'email'),
      phone: firstContact(manifest, 'phone'),
    },
    personDetails('Data Protection Officer', controller.dpo, 'Not appointed'),
    // A representative is needed only by a controller outside the UK (UK GDPR Art. 27).
    personDetails('Representative', controller.representative, NOT_APPLICABLE),
  ];
}

export function contactCells(details: ContactDetails): string[] {
  return [details.role, details.name, details.address, details.email, details.phone];
}
