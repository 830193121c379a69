/**
 * `npm start`. Until the web application lands (issue 7), this renders the demo landlord's
 * privacy notice from its manifest into ./data and says where it is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadManifest } from './manifest/validate.ts';
import { renderNotice, renderNoticePdf } from './notice/render.ts';

const DEMO_MANIFEST = resolve(import.meta.dirname ?? '.', '..', 'examples', 'demo-landlord.yaml');

const dataDir = resolve(process.env.CUSTOS_DATA_DIR ?? 'data');
mkdirSync(dataDir, { recursive: true });
const manifest = loadManifest(process.env.CUSTOS_MANIFEST ?? DEMO_MANIFEST);
const html = join(dataDir, 'notice.html');
writeFileSync(html, renderNotice(manifest, 'html'));
writeFileSync(join(dataDir, 'notice.txt'), renderNotice(manifest, 'txt'));
writeFileSync(join(dataDir, 'notice.pdf'), await renderNoticePdf(manifest));
console.log(`Custos rendered the privacy notice of ${manifest.controller.name} (a synthetic demo landlord).`);
console.log(`Open ${html} in a browser (also notice.txt and notice.pdf beside it).`);
console.log('The web application (staff back office, resident portal) is not built yet; see the README.');
