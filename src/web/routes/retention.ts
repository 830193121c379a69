/**
 * Retention for the DPO: what each rule has due now (the plan), a sweep started from the page (the
 * server also sweeps on its own schedule), the disposal log, and each run's certificate on the
 * page, as HTML or as PDF. Holds, events and the review queue are in retention-holds.ts.
 */
import { z } from 'zod';
import {
  certificateFor,
  certificateHtml,
  certificatePdf,
  listRuns,
  planRetention,
  runLog,
  runRetention,
  SweepInProgress,
} from '../../retention/index.ts';
import { ACTION_WORDS, KIND_WORDS, runFacts, STATEMENT } from '../../retention/certificate.ts';
import { HttpError } from '../errors.ts';
import { form } from '../forms.ts';
import { PAGE, type RouteModule } from './module.ts';
import { retentionGuard } from './retention-shared.ts';

const RunId = z.object({ runId: z.uuid('the run id must be a UUID') });
const CertificateFormat = z.object({
  format: z.enum(['html', 'pdf'], 'the certificate comes as html or pdf').default('html'),
});

export const retentionRoutes: RouteModule = (app, ctx) => {
  const guard = retentionGuard(ctx);
  const { db } = ctx.store;

  const overview = async (extra: Record<string, unknown> = {}) => {
    const [plan] = await planRetention(ctx.store, { controllerId: ctx.controllerId });
    const runs = await listRuns(db, ctx.controllerId, 5);
    return {
      title: 'Retention',
      plan,
      runs: runs.map((r) => ({ ...r, kindText: KIND_WORDS[r.kind] })),
      dispose: plan!.lines.reduce((n, l) => n + (l.action === 'review' ? 0 : l.due), 0),
      ...extra,
    };
  };

  app.get('/staff/retention', { schema: PAGE, onRequest: guard }, async (_request, reply) =>
    reply.page('pages/retention/plan.njk', await overview()),
  );

  app.post(
    '/staff/retention/run',
    { schema: { ...PAGE, body: form({}) }, onRequest: guard, preHandler: app.csrfProtection },
    async (request, reply) => {
      try {
        const [result] = await runRetention(ctx.store, {
          controllerId: ctx.controllerId,
          startedBy: request.visitor.staff!.username,
        });
        return reply.redirect(`/staff/retention/runs/${result!.runId}`, 303);
      } catch (error) {
        if (!(error instanceof SweepInProgress)) throw error;
        return reply
          .code(409)
          .page(
            'pages/retention/plan.njk',
            await overview({ errors: { list: [{ text: error.message, href: '#run' }], fields: {} } }),
          );
      }
    },
  );

  app.get('/staff/retention/runs', { schema: PAGE, onRequest: guard }, async (_request, reply) => {
    const runs = await listRuns(db, ctx.controllerId, 100);
    const withCounts = await Promise.all(
      runs.map(async (r) => ({
        ...r,
        kindText: KIND_WORDS[r.kind],
        disposed: (await runLog(db, r.id))
          .filter((l) => l.action !== 'review')
          .reduce((n, l) => n + l.records, 0),
      })),
    );
    return reply.page('pages/retention/runs.njk', { title: 'Disposal log', runs: withCounts });
  });

  app.get(
    '/staff/retention/runs/:runId',
    { schema: { ...PAGE, params: RunId }, onRequest: guard },
    async (request, reply) => {
      const cert = await certificateOf(request.params.runId);
      return reply.page('pages/retention/run.njk', {
        title: `${KIND_WORDS[cert.run.kind]}: certificate`,
        cert,
        facts: runFacts(cert),
        lines: cert.lines.map((l) => ({ ...l, actionText: ACTION_WORDS[l.action] })),
        statement: STATEMENT,
      });
    },
  );

  app.get(
    '/staff/retention/runs/:runId/certificate',
    { schema: { ...PAGE, params: RunId, querystring: CertificateFormat }, onRequest: guard },
    async (request, reply) => {
      const { runId } = request.params;
      const { format } = request.query;
      const cert = await certificateOf(runId);
      const name = `retention-certificate-${runId}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'pdf') return reply.type('application/pdf').send(await certificatePdf(cert));
      return reply.type('text/html; charset=utf-8').send(certificateHtml(cert));
    },
  );

  /** A run of this site's controller, or 404 (a run id of another controller tells nothing). */
  async function certificateOf(runId: string) {
    const cert = await certificateFor(ctx.store, runId).catch(() => undefined);
    if (!cert || cert.run.controllerId !== ctx.controllerId)
      throw new HttpError(404, 'there is no retention run with this id');
    return cert;
  }
};
