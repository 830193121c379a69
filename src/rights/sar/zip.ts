/**
 * The pack as one zip: the cover letter and index (HTML and PDF), the data as JSON and CSV, and,
 * in a released pack, a copy of each document listed.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { packCsv } from './csv.ts';
import { packHtml } from './html.ts';
import { packJson } from './json.ts';
import { packPdf } from './pdf.ts';
import { documentPath } from './paths.ts';
import type { SarPack } from './types.ts';

/** A document's bytes, to be added under documents/. */
export interface PackFile {
  documentId: string;
  content: Uint8Array;
}

export async function packZip(pack: SarPack, documents: readonly PackFile[] = []): Promise<Uint8Array> {
  // A fixed timestamp keeps the archive reproducible from the same pack.
  const mtime = new Date(`${pack.today}T00:00:00Z`);
  const files: Zippable = {
    'cover.html': strToU8(packHtml(pack)),
    'cover.pdf': [await packPdf(pack), { level: 0 }],
    'data.json': strToU8(packJson(pack)),
    'data.csv': strToU8(packCsv(pack)),
  };
  const listed = new Map(pack.documents.map((d) => [d.id, d]));
  for (const f of documents) {
    const d = listed.get(f.documentId);
    if (!d) throw new Error(`document ${f.documentId} is not listed in the pack`);
    files[documentPath(d)] = [f.content, { level: 0 }];
  }
  return zipSync(files, { level: 6, mtime });
}
