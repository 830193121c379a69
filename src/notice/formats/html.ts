/** The notice as one self-contained HTML page styled with GOV.UK Frontend's compiled CSS. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import type { NoticeDocument } from '../document.ts';

const here = dirname(fileURLToPath(import.meta.url));
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(here, '..', 'templates')), {
  autoescape: true,
  throwOnUndefined: false,
});

let cachedCss: string | undefined;

/**
 * GOV.UK Frontend's CSS, inlined so the page stands alone. Its @font-face points at
 * /assets/fonts, which a standalone file cannot reach, so it is dropped: the CSS falls back to
 * Arial, and no request leaves the page.
 */
function govukCss(): string {
  if (cachedCss === undefined) {
    const require = createRequire(import.meta.url);
    const cssPath = require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css');
    cachedCss = readFileSync(cssPath, 'utf8').replace(/@font-face\{[^}]*\}/g, '');
  }
  return cachedCss;
}

export function toHtml(doc: NoticeDocument): string {
  return env.render('notice.njk', { doc, css: govukCss() });
}
