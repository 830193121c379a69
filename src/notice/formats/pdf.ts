/** The notice as a PDF laid out with pdfkit. */
import PDFDocument from 'pdfkit';
import type { Block, NoticeDocument } from '../document.ts';
import { fontsFor, type PdfFonts as Fonts } from './pdf-fonts.ts';
import { useFastKerning } from './pdf-kerning.ts';

useFastKerning();

/** The fonts that can set everything the notice says. */
function chooseFonts(doc: NoticeDocument): Fonts {
  return fontsFor(JSON.stringify(doc));
}

const BODY = 10.5;

function writeBlock(pdf: PDFKit.PDFDocument, fonts: Fonts, block: Block): void {
  switch (block.kind) {
    case 'p':
      pdf.font(fonts.body).fontSize(BODY).text(block.text, { paragraphGap: 6 });
      break;
    case 'h3':
      pdf.moveDown(0.3).font(fonts.bold).fontSize(12).text(block.text, { paragraphGap: 4 });
      break;
    case 'list':
      pdf.font(fonts.body).fontSize(BODY).list(block.items, { bulletRadius: 1.5, paragraphGap: 3 });
      pdf.moveDown(0.5);
      break;
    case 'facts':
      for (const [key, value] of block.items) {
        pdf.font(fonts.bold).fontSize(BODY).text(`${key}: `, { continued: true });
        pdf.font(fonts.body).text(value, { paragraphGap: 3 });
      }
      pdf.moveDown(0.5);
      break;
    case 'table':
      if (block.caption) pdf.font(fonts.bold).fontSize(BODY).text(block.caption, { paragraphGap: 3 });
      for (const row of block.rows) {
        const line = row.map((cell, i) => `${block.head[i]}: ${cell}`).join('  ·  ');
        pdf
          .font(fonts.body)
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
  const fonts = chooseFonts(doc);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(fonts.bold).fontSize(22).text(doc.title, { paragraphGap: 4 });
  pdf.font(fonts.body).fontSize(BODY).text(`${doc.controllerName} · ${doc.byline}`, { paragraphGap: 10 });
  pdf.font(fonts.bold).fontSize(14).text('In short', { paragraphGap: 4 });
  pdf.font(fonts.body).fontSize(BODY).list(doc.summary, { bulletRadius: 1.5, paragraphGap: 3 });
  doc.sections.forEach((section, i) => {
    pdf
      .moveDown(0.8)
      .font(fonts.bold)
      .fontSize(15)
      .text(`${i + 1}. ${section.title}`, { paragraphGap: 6 });
    section.blocks.forEach((block) => writeBlock(pdf, fonts, block));
  });
  pdf.end();
  return done;
}
