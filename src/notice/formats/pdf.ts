/** The notice as a PDF laid out with pdfkit. */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, NoticeDocument } from '../document.ts';
import { useFastKerning } from './pdf-kerning.ts';

useFastKerning();

/**
 * pdfkit's built-in Helvetica is fast but encodes only Windows-1252, so Welsh letters (ŵ, ŷ) and
 * other text beyond it would come out garbled. Such notices are set in DejaVu Sans instead,
 * embedded and subset; the rest keep the faster built-in font.
 */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function fitsWinAnsi(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) continue;
    if (!CP1252_EXTRAS.includes(ch)) return false;
  }
  return true;
}

const require = createRequire(import.meta.url);
const DEJAVU = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

interface Fonts {
  body: string;
  bold: string;
}

/** Font names or files; passed to pdf.font() directly, which caches them by that key. */
function chooseFonts(doc: NoticeDocument): Fonts {
  return fitsWinAnsi(JSON.stringify(doc))
    ? { body: 'Helvetica', bold: 'Helvetica-Bold' }
    : { body: DEJAVU.regular, bold: DEJAVU.bold };
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
