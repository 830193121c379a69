/** The record of processing as rows of the ICO template: one row per activity in the manifest. */
import type { Activity, Manifest } from '../../manifest/schema.ts';
import {
  automatedDecisionsCell,
  categoriesCell,
  dpiaCells,
  jointControllerCell,
  locationCell,
  processorContractsCell,
  purposeCell,
  recipientsCell,
  retentionCell,
  safeguardsCell,
  securityCell,
  sourcesCell,
  subjectsCell,
  thirdCountriesCell,
} from './cells.ts';
import { breachCells, type RopaOptions } from './breaches.ts';
import { NOT_APPLICABLE, type RopaRow } from './columns.ts';
import {
  article6Cell,
  article9Cell,
  assessmentCell,
  consentRecordCell,
  holdsSpecialOrCriminal,
  legitimateInterestsCell,
  rightsCell,
  schedule1Cell,
  specialArticle6Cell,
} from './law-cells.ts';

/**
 * Columns 28 to 30 (the appropriate policy document) apply only to special category and criminal
 * offence data. The manifest does not yet record the policy document or adherence to it, so
 * those cells are left blank for the DPO to fill rather than guessed.
 */
function policyDocumentCells(manifest: Manifest, activity: Activity) {
  const applies = holdsSpecialOrCriminal(manifest, activity);
  return {
    link: applies ? '' : NOT_APPLICABLE,
    adheres: applies ? '' : NOT_APPLICABLE,
  };
}

export function ropaRow(manifest: Manifest, activity: Activity, options: RopaOptions = {}): RopaRow {
  const dpia = dpiaCells(activity);
  const breach = breachCells(activity, options);
  const policy = policyDocumentCells(manifest, activity);
  return {
    'Business function': activity.function ?? activity.name,
    'Purpose of processing': purposeCell(activity),
    'Name and contact details of joint controller (if applicable)': jointControllerCell(manifest, activity),
    'Categories of individuals': subjectsCell(manifest, activity),
    'Categories of personal data': categoriesCell(manifest, activity),
    'Categories of recipients': recipientsCell(manifest, activity),
    'Link to contract with processor': processorContractsCell(manifest, activity),
    'Names of third countries or international organisations that personal data are transferred to (if applicable)':
      thirdCountriesCell(manifest, activity),
    'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)':
      safeguardsCell(activity),
    'Retention schedule (if possible)': retentionCell(manifest, activity),
    'General description of technical and organisational security measures (if possible)':
      securityCell(manifest),
    'Article 6 lawful basis for processing personal data': article6Cell(manifest, activity),
    'Article 9 condition for processing special category data': article9Cell(manifest, activity),
    'Legitimate interests for the processing (if applicable)': legitimateInterestsCell(manifest, activity),
    'Link to record of legitimate interests assessment (if applicable)': assessmentCell(activity),
    'Rights available to individuals': rightsCell(manifest, activity),
    'Existence of automated decision-making, including profiling (if applicable)':
      automatedDecisionsCell(activity),
    'The source of the personal data (if applicable)': sourcesCell(manifest, activity),
    'Link to record of consent': consentRecordCell(activity),
    'Location of personal data': locationCell(manifest, activity),
    'Data Protection Impact Assessment required?': dpia.required,
    'Data Protection Impact Assessment progress': dpia.progress,
    'Link to Data Protection Impact Assessment': dpia.link,
    // From the breach register when the caller read it (breaches.ts); the manifest alone says
    // "No breach recorded" rather than "No", since it cannot see the register.
    'Has a personal data breach occurred?': breach.occurred,
    'Link to record of personal data breach': breach.link,
    'Data Protection Act 2018 Schedule 1 Condition for processing': schedule1Cell(manifest, activity),
    'GDPR Article 6 lawful basis for processing': specialArticle6Cell(manifest, activity),
    'Link to retention and erasure policy document': policy.link,
    'Is personal data retained and erased in accordance with the policy document?': policy.adheres,
    'Reasons for not adhering to policy document (if applicable)': '',
  };
}

export function ropaRows(manifest: Manifest, options: RopaOptions = {}): RopaRow[] {
  return manifest.activities.map((activity) => ropaRow(manifest, activity, options));
}
