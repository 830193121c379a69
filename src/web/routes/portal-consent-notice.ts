/**
 * Telling residents of material changes to the privacy notice. Each resident's last acknowledged
 * notice version is kept (web_notice_acks) with the manifest as it stood, so when the site serves
 * a newer version the portal shows a banner on every page and a page listing what materially
 * changed (notice/diff) and the changelog since; "I have read this" stores the new version.
 *
 * A resident first seen in the portal is taken to have been shown the notice in force then (they
 * registered under it), so only later changes are news to them.
 */
import type { FastifyReply } from 'fastify';
import type { Manifest } from '../../manifest/schema.ts';
import { diffManifests } from '../../notice/diff/compare.ts';
import type { ResidentAccount } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { form } from '../forms.ts';
import { requireResident } from '../guards.ts';
import { createViews } from '../views.ts';
import { PAGE, type WebApp } from './module.ts';

export const NOTICE_MARKER = '<!-- custos:notice-changed -->';
const CHANGES_PAGE = '/portal/notice-changes';

interface Ack {
  version: string;
  manifest: Manifest;
}

async function loadAck(ctx: WebContext, account: ResidentAccount): Promise<Ack> {
  const [row] = await ctx.store.db.query<{ notice_version: string; manifest: Manifest | string }>(
    'select notice_version, manifest from web_notice_acks where account_id = $1',
    [account.id],
  );
  if (row)
    return {
      version: row.notice_version,
      manifest: typeof row.manifest === 'string' ? (JSON.parse(row.manifest) as Manifest) : row.manifest,
    };
  await acknowledge(ctx, account);
  return { version: ctx.manifest.notice.version, manifest: ctx.manifest };
}

export async function acknowledge(ctx: WebContext, account: ResidentAccount): Promise<void> {
  await ctx.store.db.query(
    `insert into web_notice_acks (account_id, controller_id, notice_version, manifest, acknowledged_at)
     values ($1, $2, $3, $4::jsonb, $5)
     on conflict (account_id) do update
       set notice_version = excluded.notice_version, manifest = excluded.manifest, acknowledged_at = excluded.acknowledged_at`,
    [
      account.id,
      ctx.controllerId,
      ctx.manifest.notice.version,
      JSON.stringify(ctx.manifest),
      ctx.store.now(),
    ],
  );
}

/** What changed since the resident's acknowledged version, or undefined when nothing has. */
export async function noticeChanges(ctx: WebContext, account: ResidentAccount) {
  const ack = await loadAck(ctx, account);
  if (ack.version === ctx.manifest.notice.version) return undefined;
  const known = new Set(ack.manifest.notice?.changelog?.map((c) => c.version) ?? [ack.version]);
  let material: string[];
  try {
    material = diffManifests(ack.manifest, ctx.manifest).material.map((c) => c.summary);
  } catch {
    // A baseline stored by an older Custos may not compare; the changelog still tells them.
    material = [];
  }
  return {
    from: ack.version,
    to: ctx.manifest.notice.version,
    material,
    changelog: ctx.manifest.notice.changelog.filter((c) => !known.has(c.version)),
  };
}

const Ack = form({});

export async function noticeChangeRoutes(app: WebApp, ctx: WebContext): Promise<void> {
  const views = createViews();
  const guard = requireResident();

  app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(NOTICE_MARKER)) return payload;
    const account = request.visitor?.resident;
    const path = request.url.split('?')[0]!;
    if (!account || !path.startsWith('/portal/') || path === CHANGES_PAGE)
      return payload.replace(NOTICE_MARKER, '');
    const changes = await noticeChanges(ctx, account);
    const banner = changes
      ? views.render('pages/consent/_notice-banner.njk', { changes, href: CHANGES_PAGE })
      : '';
    return payload.replace(NOTICE_MARKER, banner);
  });

  app.get(CHANGES_PAGE, { schema: PAGE, onRequest: guard }, async (request, reply) =>
    reply.page('pages/consent/portal-notice-changes.njk', {
      title: 'Changes to our privacy notice',
      changes: await noticeChanges(ctx, request.visitor.resident!),
    }),
  );

  app.post(
    CHANGES_PAGE,
    { schema: { ...PAGE, body: Ack }, onRequest: guard, preHandler: app.csrfProtection },
    async (request, reply) => {
      await acknowledge(ctx, request.visitor.resident!);
      return reply.redirect('/portal/your-information', 303);
    },
  );
}
