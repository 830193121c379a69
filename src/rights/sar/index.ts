/** Subject access packs (UK GDPR Art. 15): assembly with redaction by default, and the outputs. */
export { assemblePack, coveringPurposes, type AssembleOptions } from './assemble.ts';
export { csvCell, neutralise, packCsv } from './csv.ts';
export { packHtml } from './html.ts';
export { packJson } from './json.ts';
export { packZip } from './zip.ts';
export type * from './types.ts';
