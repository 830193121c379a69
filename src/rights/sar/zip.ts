/** The pack as one zip: the cover letter and index, the data as JSON, and the data as CSV. */
import { strToU8, zipSync } from 'fflate';
import { packCsv } from './csv.ts';
import { packHtml } from './html.ts';
import { packJson } from './json.ts';
import type { SarPack } from './types.ts';

export function packZip(pack: SarPack): Uint8Array {
  // A fixed timestamp keeps the archive reproducible from the same pack.
  const mtime = new Date(`${pack.today}T00:00:00Z`);
  return zipSync(
    {
      'cover.html': strToU8(packHtml(pack)),
      'data.json': strToU8(packJson(pack)),
      'data.csv': strToU8(packCsv(pack)),
    },
    { level: 6, mtime },
  );
}
