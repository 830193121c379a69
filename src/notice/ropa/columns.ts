/**
 * The columns of the ICO's "Documentation template for controllers" (sheet "Template", row 9,
 * columns A to AD), in the template's order and with its exact headings, so a record exported
 * here can be pasted into the ICO's own spreadsheet. Source: shared/domain/uk-rules.md §4.
 */
export const ROPA_COLUMNS = [
  'Business function',
  'Purpose of processing',
  'Name and contact details of joint controller (if applicable)',
  'Categories of individuals',
  'Categories of personal data',
  'Categories of recipients',
  'Link to contract with processor',
  'Names of third countries or international organisations that personal data are transferred to (if applicable)',
  'Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)',
  'Retention schedule (if possible)',
  'General description of technical and organisational security measures (if possible)',
  'Article 6 lawful basis for processing personal data',
  'Article 9 condition for processing special category data',
  'Legitimate interests for the processing (if applicable)',
  'Link to record of legitimate interests assessment (if applicable)',
  'Rights available to individuals',
  'Existence of automated decision-making, including profiling (if applicable)',
  'The source of the personal data (if applicable)',
  'Link to record of consent',
  'Location of personal data',
  'Data Protection Impact Assessment required?',
  'Data Protection Impact Assessment progress',
  'Link to Data Protection Impact Assessment',
  'Has a personal data breach occurred?',
  'Link to record of personal data breach',
  'Data Protection Act 2018 Schedule 1 Condition for processing',
  'GDPR Article 6 lawful basis for processing',
  'Link to retention and erasure policy document',
  'Is personal data retained and erased in accordance with the policy document?',
  'Reasons for not adhering to policy document (if applicable)',
] as const;

export type RopaColumn = (typeof ROPA_COLUMNS)[number];

/** One processing activity as one line of the template: every column, always filled (maybe ''). */
export type RopaRow = Record<RopaColumn, string>;

/** The row's cells in template order, for the table formats. */
export function rowCells(row: RopaRow): string[] {
  return ROPA_COLUMNS.map((column) => row[column]);
}

/** Words used where the template asks and the manifest's answer is "nothing". */
export const NOT_APPLICABLE = 'Not applicable';
export const NONE = 'None';
export const NOT_RECORDED = 'Not recorded';
/** No breach in the register touches the activity's categories, or the register was not read (breaches.ts). */
export const NO_BREACH_RECORDED = 'No breach recorded';
