/**
 * The right to data portability (UK GDPR Art. 20): the data a person provided under consent or
 * contract, read through the gate (audited) and given back as JSON and CSV, zipped.
 */
import { AccessDenied } from '../../records/errors.ts';
import { readPortable } from '../../records/portability.ts';
import { manifestFor, type Call, type Store } from '../../records/store.ts';
import { checkId } from '../requests/input.ts';
import { exportCsv, exportJson, exportZip } from './formats.ts';
import { portableTypes } from './select.ts';
import { auditingDenials } from '../requests/gate.ts';

export { exportCsv, exportJson, FORMAT } from './formats.ts';
export { portableTypes, type PortableType } from './select.ts';

export interface PortabilityExport {
  personId: string;
  json: string;
  /** File name ("person.csv", "contact-log.csv"…) → CSV text. */
  csv: Map<string, string>;
  zip: Uint8Array;
  records: number;
  /** Records the gate withheld from this caller (audited as refused). */
  withheld: number;
}

export async function exportPortable(store: Store, call: Call, personId: string): Promise<PortabilityExport> {
  const controllerId = call.actor.controllerId;
  const id = await auditingDenials(store, call, controllerId, 'portability.export', undefined, async () =>
    checkId(personId, 'personId'),
  );
  const manifest = manifestFor(store, controllerId);
  const selection = portableTypes(manifest);
  const data = await readPortable(store, call, id, new Map(selection.map((s) => [s.recordType, s.fields])));
  if (data.refused) throw new AccessDenied(data.refused);
  const exportedAt = store.now();
  const json = exportJson(manifest, data, exportedAt);
  const csv = exportCsv(data, selection);
  return {
    personId: id,
    json,
    csv,
    zip: exportZip(json, csv, exportedAt),
    records: data.records.length,
    withheld: data.withheld,
  };
}
