/**
 * Fonts for Custos's PDFs. pdfkit's built-in Helvetica is fast but encodes only Windows-1252, so
 * Welsh letters (ŵ, ŷ) and other text beyond it would come out garbled. Such documents are set in
 * DejaVu Sans instead, embedded and subset; the rest keep the faster built-in font.
 */
import { createRequire } from 'node:module';

/** Body and bold fonts, as names or files; passed to pdf.font() directly, which caches them by that key. */
export interface PdfFonts {
  body: string;
  bold: string;
}

/** Windows-1252 beyond Latin-1, which pdfkit's built-in fonts also encode. */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

export function fitsWinAnsi(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) continue;
    if (!CP1252_EXTRAS.includes(ch)) return false;
  }
  return true;
}

const require = createRequire(import.meta.url);
const DEJAVU: PdfFonts = {
  body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};
const HELVETICA: PdfFonts = { body: 'Helvetica', bold: 'Helvetica-Bold' };

/** The fonts that can set all of this text: Helvetica when it can, else DejaVu Sans. */
export function fontsFor(text: string): PdfFonts {
  return fitsWinAnsi(text) ? HELVETICA : DEJAVU;
}
