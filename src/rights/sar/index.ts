/** Subject access packs (UK GDPR Art. 15): assembly with redaction by default, and the outputs. */
export { assemblePack, type AssembleOptions } from './assemble.ts';
export { buildPack, type BuildOptions, type FieldRedactor } from './build.ts';
export { csvCell, neutralise, packCsv } from './csv.ts';
export { packHtml } from './html.ts';
export { packJson } from './json.ts';
export { documentPath } from './paths.ts';
export { packPdf } from './pdf.ts';
export { coveringPurposes, SAR_PURPOSE, sarPurposes } from './purposes.ts';
export { isFreeText, redactField } from './redact.ts';
export { ASSEMBLE_ACTION, readPackSource, type PackSource, type SourceOptions } from './source.ts';
export { packZip, type PackFile } from './zip.ts';
export type * from './types.ts';
