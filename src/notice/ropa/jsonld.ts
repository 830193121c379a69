/**
 * The record of processing as DPV JSON-LD: the controller as a dpv:DataController and each
 * activity as a dpv:Process, so other tools (and regulators) can read the record as data.
 * Shapes follow the DPV guides (notes in shared/domain/anchors.md §3).
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Activity, Manifest } from '../../manifest/schema.ts';
import { RIGHTS, TRANSFER_SAFEGUARDS } from '../../manifest/vocabulary/law.ts';
import {
  controllerNode,
  entityNodes,
  node,
  recipientNodes,
  sourceNodes,
  type JsonLdNode,
  type JsonLdValue,
} from './jsonld-parties.ts';
import { breachNodes, type RopaOptions } from './breaches.ts';
import { legalBasisTerms, nodeIri, ROPA_JSONLD_CONTEXT, TRANSFER_SAFEGUARD_TERMS } from './jsonld-terms.ts';
import { activityRights, hasAutomatedDecisions } from './law-cells.ts';
import { countryName, retentionInWords, unique } from './words.ts';

export type { JsonLdNode } from './jsonld-parties.ts';

export interface RopaJsonLd {
  '@context': typeof ROPA_JSONLD_CONTEXT;
  '@graph': JsonLdNode[];
}

function personalDataTerms(manifest: Manifest, activity: Activity): string[] {
  const { categories } = lookup(manifest);
  return unique(
    activity.categories.flatMap((id) => {
      const category = categories.get(id);
      if (!category) return [];
      // DPV has no Art. 10 term; the minted one marks criminal offence data as such.
      return category.kind === 'criminal' ? [...category.dpv, 'custos-gb:CriminalOffenceData'] : category.dpv;
    }),
  );
}

function subjectValues(manifest: Manifest, activity: Activity): JsonLdValue[] {
  const { subjects } = lookup(manifest);
  return activity.subjects.map((id) => {
    const subject = subjects.get(id);
    if (subject?.dpv) return subject.dpv;
    return node({
      '@id': nodeIri(manifest, 'subject', id),
      '@type': 'dpv:DataSubject',
      'rdfs:label': subject?.name,
    });
  });
}

function storageConditions(manifest: Manifest, activity: Activity): JsonLdNode[] {
  const { retention, systems } = lookup(manifest);
  const rule = activity.retention ? retention.get(activity.retention) : undefined;
  const duration = rule
    ? node({
        '@type':
          rule.action === 'erase' ? ['dpv:StorageDuration', 'dpv:StorageDeletion'] : 'dpv:StorageDuration',
        'rdfs:label': retentionInWords(manifest, rule),
        'dpv:hasDuration': node({ '@type': 'dpv:TemporalDuration', 'rdf:value': rule.period }),
        'custos-gb:retentionTrigger': rule.trigger,
        'custos-gb:retentionAction': rule.action,
      })
    : undefined;
  const locations = activity.systems.flatMap((id) => systems.get(id)?.location ?? []);
  const whereHeld = (locations.length > 0 ? unique(locations) : [manifest.notice.storage]).flatMap((place) =>
    place ? [node({ '@type': 'dpv:StorageLocation', 'rdfs:label': place })] : [],
  );
  return [...(duration ? [duration] : []), ...whereHeld];
}

function transferProcesses(manifest: Manifest, activity: Activity): JsonLdNode[] {
  if (activity.transfers === 'none') return [];
  return activity.transfers.map((t) =>
    node({
      '@type': 'dpv:Process',
      'rdfs:label': `Transfer to ${countryName(t.country)}`,
      'dpv:hasProcessing': 'dpv:Transfer',
      'dpv:hasThirdCountry': `loc:${t.country}`,
      'dpv:hasRecipient': t.recipient ? { '@id': nodeIri(manifest, 'recipient', t.recipient) } : undefined,
      'dpv:hasLegalBasis': t.safeguard ? TRANSFER_SAFEGUARD_TERMS[t.safeguard] : undefined,
      'dct:description':
        [t.safeguard && TRANSFER_SAFEGUARDS[t.safeguard], t.detail].filter(Boolean).join('. ') || undefined,
    }),
  );
}

function automatedDecisionNodes(manifest: Manifest, activity: Activity): JsonLdNode[] {
  if (activity.automatedDecisions === 'none') return [];
  return activity.automatedDecisions.map((d) =>
    node({
      '@id': nodeIri(manifest, 'decision', d.id),
      '@type': 'dpv:AutomatedDecisionMaking',
      'rdfs:label': d.name,
      'dpv:hasAlgorithmicLogic': node({ '@type': 'dpv:AlgorithmicLogic', 'rdfs:label': d.logic }),
      'dpv:hasConsequence': node({ '@type': 'dpv:Consequence', 'rdfs:label': d.significance }),
      'dpv:hasHumanInvolvement': node({ '@type': 'dpv:HumanInvolvement', 'rdfs:label': d.humanReview }),
    }),
  );
}

/** Who decides: us, unless we only process for another controller; joint controllers decide together. */
function dataControllers(manifest: Manifest, activity: Activity): string[] {
  const us = nodeIri(manifest, 'controller', manifest.controller.id);
  if (activity.role === 'processor' && activity.onBehalfOf)
    return [nodeIri(manifest, 'recipient', activity.onBehalfOf)];
  const { recipients } = lookup(manifest);
  const joint = activity.recipients.filter((id) => recipients.get(id)?.role === 'joint-controller');
  return [us, ...joint.map((id) => nodeIri(manifest, 'recipient', id))];
}

function implementedBy(manifest: Manifest, activity: Activity): string[] {
  if (activity.entities && activity.entities.length > 0) {
    return activity.entities.map((id) => nodeIri(manifest, 'entity', id));
  }
  return [nodeIri(manifest, 'controller', manifest.controller.id)];
}

function processNode(manifest: Manifest, activity: Activity, options: RopaOptions): JsonLdNode {
  const profiling =
    activity.automatedDecisions !== 'none' && activity.automatedDecisions.some((d) => d.profiling);
  return node({
    '@id': nodeIri(manifest, 'activity', activity.id),
    '@type': 'dpv:Process',
    'dct:identifier': activity.id,
    'rdfs:label': activity.name,
    'dpv:hasPurpose': node({
      '@id': nodeIri(manifest, 'purpose', activity.id),
      '@type': 'dpv:Purpose',
      'rdfs:label': activity.purpose,
    }),
    'dpv:hasPersonalData': personalDataTerms(manifest, activity),
    'dpv:hasDataSubject': subjectValues(manifest, activity),
    'dpv:hasLegalBasis': unique(activity.lawfulBases.flatMap(legalBasisTerms)),
    'dpv:hasRight': activityRights(activity).map(({ right }) => RIGHTS[right].dpv),
    'dpv:hasDataController': dataControllers(manifest, activity),
    'dpv:isImplementedByEntity': implementedBy(manifest, activity),
    'dpv:hasRecipient': recipientNodes(manifest, activity),
    'dpv:hasDataSource': sourceNodes(manifest, activity),
    'dpv:hasStorageCondition': storageConditions(manifest, activity),
    'dpv:hasThirdCountry':
      activity.transfers === 'none' ? undefined : unique(activity.transfers.map((t) => `loc:${t.country}`)),
    'dpv:hasProcess': transferProcesses(manifest, activity),
    // Said outright either way: "no automated decisions" is a statement the notice relies on.
    'custos-gb:hasAutomatedDecisionMaking': hasAutomatedDecisions(activity),
    'dpv:hasContext': automatedDecisionNodes(manifest, activity),
    'dpv:hasProcessing': profiling ? ['dpv:Profiling'] : undefined,
    'dpv:hasImpactAssessment': activity.dpia?.required
      ? node({
          '@type': 'dpv:DPIA',
          'dct:identifier': activity.dpia.reference,
          'dct:description': activity.dpia.status,
        })
      : undefined,
    'custos-gb:hasPersonalDataBreach': breachNodes(activity, options),
  });
}

export function ropaJsonLd(manifest: Manifest, options: RopaOptions = {}): RopaJsonLd {
  return {
    '@context': ROPA_JSONLD_CONTEXT,
    '@graph': [
      controllerNode(manifest),
      ...entityNodes(manifest),
      ...manifest.activities.map((activity) => processNode(manifest, activity, options)),
    ],
  };
}
