/** The record of processing (UK GDPR Art. 30) in the ICO template's columns, as CSV, XLSX and DPV JSON-LD. */
export { ROPA_COLUMNS, rowCells, type RopaColumn, type RopaRow } from './columns.ts';
export { CONTROLLER_BLOCK_HEADINGS, controllerBlock, type ContactDetails } from './controller.ts';
export { ropaRow, ropaRows } from './rows.ts';
export {
  breachCells,
  breachesByActivity,
  type BreachesByActivity,
  type BreachLink,
  type RegisterBreach,
  type RopaOptions,
} from './breaches.ts';
export { ropaCsv, csvField, neutraliseFormula, type CsvOptions } from './csv.ts';
export { ropaXlsx, CONTROLLER_SHEET, RECORD_SHEET } from './xlsx.ts';
export { ropaJsonLd, type RopaJsonLd, type JsonLdNode } from './jsonld.ts';
export { ROPA_JSONLD_CONTEXT } from './jsonld-terms.ts';
