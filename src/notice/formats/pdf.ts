/** The notice as a tagged-heading PDF, laid out with pdfkit's built-in Helvetica. */
import PDFDocument from 'pdfkit';
import type { Block, NoticeDocument } from '../document.ts';

const BODY = 10.5;

function writeBlock(pdf: PDFKit.PDFDocument, block: Block): void {
  switch (block.kind) {
    case 'p':
      pdf.font('Helvetica').fontSize(BODY).text(block.text, { paragraphGap: 6 });
      break;
    case 'h3':
      pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(12).text(block.text, { paragraphGap: 4 });
      break;
    case 'list':
      pdf.font('Helvetica').fontSize(BODY).list(block.items, { bulletRadius: 1.5, paragraphGap: 3 });
      pdf.moveDown(0.5);
      break;
    case 'facts':
      for (const [key, value] of block.items) {
        pdf.font('Helvetica-Bold').fontSize(BODY).text(`${key}: `, { continued: true });
        pdf.font('Helvetica').text(value, { paragraphGap: 3 });
      }
      pdf.moveDown(0.5);
      break;
    case 'table':
      if (block.caption) pdf.font('Helvetica-Bold').fontSize(BODY).text(block.caption, { paragraphGap: 3 });
      for (const row of block.rows) {
        const line = row.map((cell, i) => `${block.head[i]}: ${cell}`).join('  ·  ');
        pdf
          .font('Helvetica')
          .fontSize(BODY - 0.5)
          .text(line, { indent: 10, paragraphGap: 3 });
      }
      pdf.moveDown(0.5);
      break;
  }
}

export function toPdf(doc: NoticeDocument, now: Date = new Date(0)): Promise<Buffer> {
  // A fixed creation date keeps the bytes reproducible for the same manifest.
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${doc.title} – ${doc.controllerName}`,
      Author: doc.controllerName,
      Creator: 'Custos',
      CreationDate: now,
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
  pdf.font('Helvetica-Bold').fontSize(22).text(doc.title, { paragraphGap: 4 });
  pdf.font('Helvetica').fontSize(BODY).text(`${doc.controllerName} · ${doc.byline}`, { paragraphGap: 10 });
  pdf.font('Helvetica-Bold').fontSize(14).text('In short', { paragraphGap: 4 });
  pdf.font('Helvetica').fontSize(BODY).list(doc.summary, { bulletRadius: 1.5, paragraphGap: 3 });
  doc.sections.forEach((section, i) => {
    pdf
      .moveDown(0.8)
      .font('Helvetica-Bold')
      .fontSize(15)
      .text(`${i + 1}. ${section.title}`, { paragraphGap: 6 });
    section.blocks.forEach((block) => writeBlock(pdf, block));
  });
  pdf.end();
  return done;
}
