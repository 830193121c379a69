/**
 * A faster kerning lookup for pdfkit's built-in fonts. pdfkit (pinned at 0.20.2) looks up every
 * pair of adjacent glyphs by concatenating their names into a key of one large object, twice per
 * character (once to wrap lines, once to write them); on a 200-page notice that is a fifth of the
 * time. This replaces the lookup on its AFM font class with a two-level Map built once from the
 * same table, so every kerning value — and so every byte of the PDF — is unchanged (tested).
 * See docs/decisions/0003 for why a patch rather than another PDF library.
 */
import PDFDocument from 'pdfkit';

interface AfmFont {
  kernPairs: Record<string, number>;
  getKernPair(left: string, right: string): number;
  _kernMap?: Map<string, Map<string, number>>;
}

function kernMap(font: AfmFont): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const [pair, amount] of Object.entries(font.kernPairs)) {
    const [left, right] = pair.split('\0') as [string, string];
    let inner = map.get(left);
    if (!inner) map.set(left, (inner = new Map()));
    inner.set(right, amount);
  }
  return map;
}

let original: AfmFont['getKernPair'] | undefined;

function afmFontPrototype(): AfmFont | undefined {
  const probe = new PDFDocument();
  probe.font('Helvetica');
  const font = (probe as unknown as { _font?: { font?: AfmFont } })._font?.font;
  probe.end();
  return font && typeof font.getKernPair === 'function' && font.kernPairs
    ? (Object.getPrototypeOf(font) as AfmFont)
    : undefined;
}

/** Install the fast lookup once; a pdfkit without the expected shape is left alone. */
export function useFastKerning(enabled = true): void {
  const proto = afmFontPrototype();
  if (!proto) return;
  original ??= proto.getKernPair;
  proto.getKernPair = enabled
    ? function (this: AfmFont, left: string, right: string): number {
        this._kernMap ??= kernMap(this);
        return this._kernMap.get(left)?.get(right) ?? 0;
      }
    : original;
}
