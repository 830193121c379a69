/**
 * The text of a PDF that pdfkit set in its built-in Helvetica (WinAnsi): each content stream
 * inflated, each TJ array's strings joined, one line per TJ. Enough to check what a cover shows
 * and, above all, what it must not.
 */
import { inflateSync } from 'node:zlib';

export function pdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let body: string;
    try {
      body = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a Flate stream (e.g. an embedded font's raw data)
    }
    for (const tj of body.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)) {
      const parts = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) =>
        Buffer.from(h[1]!, 'hex').toString('latin1'),
      );
      lines.push(parts.join(''));
    }
  }
  return lines.join('\n');
}
