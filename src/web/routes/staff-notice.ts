/**
 * The privacy notice for the DPO: the version the site publishes, its downloads (the notice
 * module's formats), the just-in-time notices, the changelog, and what materially changed since
 * the previous version.
 *
 * The deployment keeps earlier versions in one place only: the manifest each resident last
 * acknowledged in the portal (web_notice_acks, the baseline the portal diffs against to tell them
 * of changes). The latest acknowledged version that is not the current one is the "previous
 * version" here; when no resident holds one, the page says so and shows the changelog alone.
 * Acknowledgements are shown as counts per version, never as who.
 */
import { z } from 'zod';
import type { Manifest } from '../../manifest/schema.ts';
import { diffManifests } from '../../notice/diff/compare.ts';
import type { ManifestDiff } from '../../notice/diff/types.ts';
import { buildNotice, renderToBytes, type NoticeFormat } from '../../notice/render.ts';
import type { WebContext } from '../context.ts';
import { requireStaff } from '../guards.ts';
import { ukDate } from '../views.ts';
import { PAGE, type RouteModule } from './module.ts';

export const NOTICE_PAGE = '/staff/notice';

const DOWNLOADS: Record<NoticeFormat, { type: string; label: string }> = {
  pdf: { type: 'application/pdf', label: 'PDF' },
  html: { type: 'text/html; charset=utf-8', label: 'HTML (a page that stands alone)' },
  txt: { type: 'text/plain; charset=utf-8', label: 'Plain text' },
  md: { type: 'text/markdown; charset=utf-8', label: 'Markdown' },
};

const Download = z.object({
  format: z.enum(['pdf', 'html', 'txt', 'md'], { error: 'the format must be pdf, html, txt or md' }),
});

interface VersionCount {
  version: string;
  accounts: number;
  latest: Date;
}

/** How many residents' accounts last acknowledged each version, the most recent first. */
async function acknowledgements(ctx: WebContext): Promise<VersionCount[]> {
  const rows = await ctx.store.db.query<{ notice_version: string; accounts: number; latest: Date | string }>(
    `select notice_version, count(*)::int as accounts, max(acknowledged_at) as latest
       from web_notice_acks where controller_id = $1
      group by notice_version order by max(acknowledged_at) desc`,
    [ctx.controllerId],
  );
  return rows.map((r) => ({
    version: r.notice_version,
    accounts: Number(r.accounts),
    latest: new Date(r.latest),
  }));
}

interface Previous {
  version: string;
  diff?: ManifestDiff;
}

/** The latest earlier version a resident acknowledged, compared with the notice now published. */
async function previousVersion(ctx: WebContext): Promise<Previous | undefined> {
  const [row] = await ctx.store.db.query<{ notice_version: string; manifest: Manifest | string }>(
    `select notice_version, manifest from web_notice_acks
      where controller_id = $1 and notice_version <> $2
      order by acknowledged_at desc limit 1`,
    [ctx.controllerId, ctx.manifest.notice.version],
  );
  if (!row) return undefined;
  const old = typeof row.manifest === 'string' ? (JSON.parse(row.manifest) as Manifest) : row.manifest;
  try {
    return { version: row.notice_version, diff: diffManifests(old, ctx.manifest) };
  } catch {
    // A baseline stored by an older Custos may not compare; the page says so (as the portal does).
    return { version: row.notice_version };
  }
}

function noticeFacts(manifest: Manifest): [string, string][] {
  const { notice } = manifest;
  const facts: [string, string][] = [
    ['Title', notice.title],
    ['Version', notice.version],
    ['In force from', ukDate(notice.effective)],
  ];
  if (notice.reviewDue) facts.push(['Review due', ukDate(notice.reviewDue)]);
  if (notice.author) facts.push(['Written by', notice.author]);
  if (notice.audience) facts.push(['Written for', notice.audience]);
  return facts;
}

function justInTimeNotices(manifest: Manifest) {
  return manifest.activities
    .filter((a) => a.justInTime)
    .map((a) => ({
      name: a.name,
      title: a.justInTime?.title ?? `How we use your information: ${a.name}`,
      summary: a.justInTime!.summary,
      href: `/privacy/${a.id}`,
    }));
}

export const staffNoticeRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  app.get(NOTICE_PAGE, { schema: PAGE, onRequest: guard }, async (_request, reply) => {
    const { manifest } = ctx;
    return reply.page('pages/staff-notice/notice.njk', {
      title: 'Privacy notice: versions and changes',
      facts: noticeFacts(manifest),
      current: manifest.notice.version,
      downloads: Object.entries(DOWNLOADS).map(([format, d]) => ({
        href: `${NOTICE_PAGE}/download?format=${format}`,
        label: d.label,
      })),
      jit: justInTimeNotices(manifest),
      changelog: [...manifest.notice.changelog].reverse(),
      previous: await previousVersion(ctx),
      acks: await acknowledgements(ctx),
    });
  });

  app.get(
    `${NOTICE_PAGE}/download`,
    { schema: { ...PAGE, querystring: Download }, onRequest: guard },
    async (request, reply) => {
      const { format } = request.query;
      const name = `privacy-notice-${ctx.manifest.notice.version.replace(/[^\w.-]/g, '_')}.${format}`;
      return reply
        .type(DOWNLOADS[format].type)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await renderToBytes(buildNotice(ctx.manifest), format));
    },
  );
};
