/**
 * A released subject access pack, for the staff who answer the request: a request made by email,
 * letter or in person has no portal account to download it from, so the caseworker downloads it
 * to send by post or email. The pack is rebuilt and proven the same as released by its digest
 * (releasedPack, audited); a request with no released pack, one whose information has changed
 * since release, or one made by an earlier version of Custos that cannot be given again exactly,
 * is a plain page saying why and what to do.
 */
import { NotFound } from '../../records/errors.ts';
import { PackNotAsReleased, releasedPack } from '../../rights/review/index.ts';
import { requireStaff } from '../guards.ts';
import { PAGE, type RouteModule } from './module.ts';
import { RequestParams, staffRightsCall } from './rights-shared.ts';

/** A completed request cannot be reviewed again, so a new pack starts from a new request. */
const NEW_REQUEST =
  'record a new access request for the person (this one is completed), review it and release a new pack.';

/** The plain page for a pack that cannot be given, or undefined for any other error (rethrown). */
function refusal(error: unknown): { status: number; title: string; reason: string } | undefined {
  if (error instanceof NotFound)
    return {
      status: 404,
      title: 'There is no pack to download',
      reason: 'This request has no released pack to download. Release the pack from its review first.',
    };
  if (error instanceof PackNotAsReleased && error.why === 'earlier-version')
    return {
      status: 409,
      title: 'This pack was made by an earlier version of Custos',
      reason:
        'This pack was released by an earlier version of Custos, and this version cannot give it again ' +
        'exactly as it was released. To send the person their information again, ' +
        NEW_REQUEST,
    };
  if (error instanceof PackNotAsReleased)
    return {
      status: 409,
      title: 'The pack has changed since it was released',
      reason:
        'Some of the information in this pack has been corrected, disposed of, erased or added to since it was ' +
        'released, so it cannot be given again as released. To send an up-to-date pack, ' +
        NEW_REQUEST,
    };
  return undefined;
}

export const rightsPackRoutes: RouteModule = (app, ctx) => {
  const guard = requireStaff(ctx, { purpose: 'rights', staffOnly: true });

  app.get(
    '/staff/requests/:requestId/pack.zip',
    { schema: { ...PAGE, params: RequestParams }, onRequest: guard },
    async (request, reply) => {
      const call = staffRightsCall(ctx, request.visitor.staff!);
      const { requestId } = request.params;
      let pack;
      try {
        pack = await releasedPack(ctx.store, call, requestId);
      } catch (error) {
        const refused = refusal(error);
        if (!refused) throw error;
        const { status, ...page } = refused;
        return reply.code(status).page('pages/rights/pack-refused.njk', { ...page, requestId });
      }
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="subject-access-pack-${pack.releasedOn}.zip"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pack.zip));
    },
  );
};
