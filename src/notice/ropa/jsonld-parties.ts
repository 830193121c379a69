/**
 * The JSON-LD node builder and the parties of the record: the controller, its entities, the
 * recipients data goes to and the sources it comes from.
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Activity, Manifest } from '../../manifest/schema.ts';
import { nodeIri, RECIPIENT_TYPES, SOURCE_TYPES } from './jsonld-terms.ts';

export type JsonLdNode = { [key: string]: JsonLdValue };
export type JsonLdValue = string | number | boolean | JsonLdNode | JsonLdValue[];

/** Drops absent values and empty lists, so a node says only what the manifest says. */
export function node(entries: Record<string, JsonLdValue | undefined>): JsonLdNode {
  const kept = Object.entries(entries).filter(
    ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
  );
  return Object.fromEntries(kept) as JsonLdNode;
}

type Person = NonNullable<Manifest['controller']['dpo']>;

function personNode(type: string, person: Person | undefined): JsonLdNode | undefined {
  if (!person) return undefined;
  return node({
    '@type': type,
    'dpv:hasName': [person.name, person.title].filter(Boolean).join(', ') || undefined,
    'dpv:hasAddress': person.address,
    'dpv:hasContact': [person.email, person.phone].filter((c): c is string => Boolean(c)),
  });
}

export function controllerNode(manifest: Manifest): JsonLdNode {
  const { controller } = manifest;
  return node({
    '@id': nodeIri(manifest, 'controller', controller.id),
    '@type': 'dpv:DataController',
    'dpv:hasName': controller.name,
    'dpv:hasAddress': controller.address,
    'dpv:hasContact': controller.contacts.map((c) => c.value),
    'dpv:hasIdentifier': controller.registrations.ico && `ICO registration ${controller.registrations.ico}`,
    'dpv:hasDataProtectionOfficer': personNode('dpv:DataProtectionOfficer', controller.dpo),
    'dpv:hasRepresentative': personNode('dpv:Representative', controller.representative),
  });
}

export function entityNodes(manifest: Manifest): JsonLdNode[] {
  return manifest.controller.entities.map((entity) =>
    node({
      '@id': nodeIri(manifest, 'entity', entity.id),
      '@type': 'dpv:LegalEntity',
      'dpv:hasName': entity.name,
    }),
  );
}

export function recipientNodes(manifest: Manifest, activity: Activity): JsonLdNode[] {
  const { recipients } = lookup(manifest);
  return activity.recipients.flatMap((id) => {
    const recipient = recipients.get(id);
    if (!recipient) return [];
    const types = ['dpv:Recipient', ...(recipient.role ? [RECIPIENT_TYPES[recipient.role]] : [])];
    return [
      node({ '@id': nodeIri(manifest, 'recipient', id), '@type': types, 'dpv:hasName': recipient.name }),
    ];
  });
}

export function sourceNodes(manifest: Manifest, activity: Activity): JsonLdNode[] {
  const { sources } = lookup(manifest);
  return activity.sources.flatMap((id) => {
    const source = sources.get(id);
    if (!source) return [];
    const types = ['dpv:DataSource', SOURCE_TYPES[source.kind]];
    return [node({ '@id': nodeIri(manifest, 'source', id), '@type': types, 'rdfs:label': source.name })];
  });
}
