/** A run's certificate as a PDF, laid out with pdfkit (as the notice is). */
import PDFDocument from 'pdfkit';
import { ACTION_WORDS, runFacts, STATEMENT, type Certificate } from './certificate.ts';

const COLUMNS = [
  { head: 'Rule', width: 105 },
  { head: 'Record type', width: 100 },
  { head: 'Action', width: 118 },
  { head: 'Records', width: 50 },
  { head: 'Mentions', width: 50 },
  { head: 'Documents', width: 60 },
];

function row(pdf: PDFKit.PDFDocument, cells: string[], bold: boolean): void {
  if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 40) pdf.addPage();
  const y = pdf.y;
  let x = pdf.page.margins.left;
  let bottom = y;
  cells.forEach((cell, i) => {
    const col = COLUMNS[i]!;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    pdf.text(cell, x, y, { width: col.width - 6, align: i >= 3 ? 'right' : 'left' });
    bottom = Math.max(bottom, pdf.y);
    x += col.width;
  });
  pdf.x = pdf.page.margins.left;
  pdf.y = bottom + 4;
}

export function certificatePdf(c: Certificate): Promise<Buffer> {
  // The run's own finish (or start) time as the creation date keeps the bytes reproducible.
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `Retention certificate ${c.run.id}`,
      Author: c.controllerName,
      Creator: 'Custos',
      CreationDate: new Date(c.run.finishedAt ?? c.run.startedAt),
    },
    lang: 'en-GB',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(20).text('Retention certificate', { paragraphGap: 10 });
  for (const [k, v] of runFacts(c)) {
    pdf.font('Helvetica-Bold').fontSize(10).text(`${k}: `, { continued: true });
    pdf.font('Helvetica').text(v, { paragraphGap: 2 });
  }
  pdf.moveDown(1).font('Helvetica-Bold').fontSize(13).text('What went', { paragraphGap: 6 });
  row(
    pdf,
    COLUMNS.map((col) => col.head),
    true,
  );
  if (c.lines.length === 0) row(pdf, ['Nothing was due.', '', '', '', '', ''], false);
  for (const l of c.lines) {
    row(
      pdf,
      [
        l.ruleId ?? '–',
        l.recordType,
        ACTION_WORDS[l.action],
        `${l.records}`,
        `${l.mentions}`,
        `${l.documents}`,
      ],
      false,
    );
  }
  row(
    pdf,
    ['Disposed of in all', '', '', `${c.totals.records}`, `${c.totals.mentions}`, `${c.totals.documents}`],
    true,
  );
  pdf.moveDown(1).font('Helvetica').fontSize(10).text(STATEMENT);
  pdf.end();
  return done;
}
