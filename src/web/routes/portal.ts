/**
 * The residents' portal: what is held about you and why. Your file is read through the gate as
 * yourself (a data subject may read all of their own records), and the read is audited like any
 * other; each kind of record says which of the landlord's purposes it serves, on what lawful
 * basis, and for how long it is kept, straight from the manifest.
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest, RecordType } from '../../manifest/schema.ts';
import { describeBasis, describeRetention } from '../../notice/describe.ts';
import { readPersonFile } from '../../records/records.ts';
import type { Call } from '../../records/store.ts';
import type { ResidentAccount } from '../auth/resident-accounts.ts';
import type { WebContext } from '../context.ts';
import { requireResident } from '../guards.ts';
import { presentFile } from '../present.ts';
import { PAGE, type RouteModule } from './module.ts';

export const residentCall = (ctx: WebContext, account: ResidentAccount): Call => ({
  actor: {
    id: `resident:${account.id}`,
    kind: 'subject',
    controllerId: account.controllerId,
    personId: account.personId,
    roles: [],
  },
  purpose: ctx.options.rightsPurpose,
  channel: 'portal',
});

/** Why a kind of record is held: its purposes (not the rights purpose itself), bases and retention. */
function reasons(manifest: Manifest, type: RecordType, rightsPurpose: string) {
  const l = lookup(manifest);
  return type.activities
    .filter((id) => id !== rightsPurpose)
    .map((id) => l.activities.get(id)!)
    .map((a) => {
      const rule =
        (type.retention ?? a.retention) ? l.retention.get((type.retention ?? a.retention)!) : undefined;
      return {
        name: a.name,
        purpose: a.purpose,
        basis: a.lawfulBases.map(describeBasis).join('; '),
        keep: rule ? describeRetention(manifest, rule) : undefined,
        notice: `/privacy/${a.id}`,
      };
    });
}

export const portalRoutes: RouteModule = (app, ctx) => {
  app.get('/portal', { schema: PAGE }, (request, reply) =>
    request.visitor.resident
      ? reply.redirect('/portal/your-information', 303)
      : reply.page('pages/portal/home.njk', { title: 'Your account' }),
  );

  app.get(
    '/portal/your-information',
    { schema: PAGE, onRequest: requireResident() },
    async (request, reply) => {
      const account = request.visitor.resident!;
      const file = await readPersonFile(ctx.store, residentCall(ctx, account), account.personId);
      const view = presentFile(ctx.manifest, file);
      return reply.page('pages/portal/your-information.njk', {
        title: 'The information we hold about you',
        file: view,
        groups: view.groups.map((g) => ({
          ...g,
          reasons: reasons(ctx.manifest, g.type, ctx.options.rightsPurpose),
        })),
      });
    },
  );
};
