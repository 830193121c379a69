/**
 * The record of processing (UK GDPR Art. 30) for the DPO: the notice module's ICO-template record,
 * rendered from the manifest the site serves, as a page (the controller block, an overview of
 * every activity, then each activity's full row) and as the downloads the module already writes
 * (CSV, XLSX, DPV JSON-LD). Nothing here is stored: the manifest is the record, and its two
 * breach columns are filled from the breach register (a read audited as the member of staff's),
 * linked to the activities each breach names, or else by data category.
 */
import { z } from 'zod';
import { breachesByCategory } from '../../breaches/index.ts';
import type { Manifest } from '../../manifest/schema.ts';
import {
  breachesByActivity,
  controllerBlock,
  ROPA_COLUMNS,
  ropaCsv,
  ropaJsonLd,
  ropaRows,
  ropaXlsx,
  type RopaColumn,
  type RopaOptions,
  type RopaRow,
} from '../../notice/ropa/index.ts';
import type { StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';
import { requireStaff } from '../guards.ts';
import { breachCall } from './breaches-view.ts';
import { PAGE, type RouteModule } from './module.ts';

export const ROPA_PAGE = '/staff/record-of-processing';

/** The Art. 30(1) items a DPO looks for first, as columns of the overview table. */
const OVERVIEW: { column: RopaColumn; heading: string }[] = [
  { column: 'Purpose of processing', heading: 'Purpose' },
  { column: 'Categories of individuals', heading: 'People' },
  { column: 'Categories of personal data', heading: 'Personal data' },
  { column: 'Categories of recipients', heading: 'Recipients' },
  {
    column:
      'Names of third countries or international organisations that personal data are transferred to (if applicable)',
    heading: 'Transfers outside the UK',
  },
  { column: 'Retention schedule (if possible)', heading: 'Retention' },
];

/** Security measures are the same cell on every row, so the page shows them once. */
const SECURITY: RopaColumn =
  'General description of technical and organisational security measures (if possible)';

/** A blank cell is one the manifest does not answer: said in words, never left looking empty. */
export const BLANK = 'Not recorded in the manifest';

const DOWNLOADS = {
  csv: { type: 'text/csv; charset=utf-8', label: 'CSV (ICO template columns)' },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook (the ICO template)',
  },
  jsonld: { type: 'application/ld+json; charset=utf-8', label: 'JSON-LD (W3C Data Privacy Vocabulary)' },
} as const;
type DownloadFormat = keyof typeof DOWNLOADS;

const Download = z.object({
  format: z.enum(Object.keys(DOWNLOADS) as [DownloadFormat, ...DownloadFormat[]], {
    error: 'the format must be csv, xlsx or jsonld',
  }),
});

/** Cells hold one item a line; the page shows each line as its own line. */
const lines = (cell: string) => (cell ? cell.split('\n') : [BLANK]);

function activityView(manifest: Manifest, row: RopaRow, index: number) {
  const activity = manifest.activities[index]!;
  return {
    id: `activity-${activity.id}`,
    name: activity.name,
    overview: OVERVIEW.map(({ column }) => lines(row[column])),
    cells: ROPA_COLUMNS.filter((c) => c !== SECURITY).map((column) => ({
      column,
      lines: lines(row[column]),
    })),
  };
}

/**
 * The register's breaches per activity (named, or by overlapping categories:
 * notice/ropa/breaches.ts), each linked by its page's full address so the link still works in a
 * downloaded spreadsheet. The read is audited as this member of staff's.
 */
export async function registerBreaches(ctx: WebContext, staff: StaffAccount): Promise<RopaOptions> {
  const breaches = await breachesByCategory(ctx.store, breachCall(ctx, staff));
  return {
    breaches: breachesByActivity(
      ctx.manifest,
      breaches,
      (b) => `${ctx.options.publicUrl}/staff/breaches/${b.id}`,
    ),
  };
}

export function ropaView(manifest: Manifest, options: RopaOptions = {}) {
  const rows = ropaRows(manifest, options);
  return {
    blank: BLANK,
    contacts: controllerBlock(manifest),
    overviewHeadings: OVERVIEW.map((o) => o.heading),
    activities: rows.map((row, i) => activityView(manifest, row, i)),
    security: rows[0] ? lines(rows[0][SECURITY]) : [BLANK],
    downloads: Object.entries(DOWNLOADS).map(([format, d]) => ({
      href: `${ROPA_PAGE}/download?format=${format}`,
      label: d.label,
    })),
  };
}

async function ropaBytes(
  manifest: Manifest,
  format: DownloadFormat,
  options: RopaOptions,
): Promise<string | Buffer> {
  if (format === 'xlsx') return ropaXlsx(manifest, options);
  if (format === 'jsonld') return `${JSON.stringify(ropaJsonLd(manifest, options), null, 2)}\n`;
  // Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
  return ropaCsv(manifest, { ...options, bom: true });
}

export const staffRopaRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  app.get(ROPA_PAGE, { schema: PAGE, onRequest: guard }, async (request, reply) =>
    reply.page('pages/staff-notice/ropa.njk', {
      title: 'Record of processing',
      version: ctx.manifest.notice.version,
      ...ropaView(ctx.manifest, await registerBreaches(ctx, request.visitor.staff!)),
    }),
  );

  app.get(
    `${ROPA_PAGE}/download`,
    { schema: { ...PAGE, querystring: Download }, onRequest: guard },
    async (request, reply) => {
      const { format } = request.query;
      const day = ctx.store.now().toISOString().slice(0, 10);
      return reply
        .type(DOWNLOADS[format].type)
        .header('content-disposition', `attachment; filename="record-of-processing-${day}.${format}"`)
        .header('cache-control', 'no-store')
        .send(await ropaBytes(ctx.manifest, format, await registerBreaches(ctx, request.visitor.staff!)));
    },
  );
};
