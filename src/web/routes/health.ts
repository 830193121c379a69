/** Liveness and readiness: /health says the process answers; /ready that the database does and is migrated. */
import { z } from 'zod';
import { bundledMigrations } from '../../store/migrate.ts';
import type { RouteModule } from './module.ts';

const Status = z.object({
  status: z.string(),
  problem: z.string().optional(),
  /** Ready, but the deployment should change (the key vault in the data database, say). */
  warnings: z.array(z.string()).optional(),
});

export const healthRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/health',
    { schema: { summary: 'Liveness: the process is up', tags: ['probes'], response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      schema: {
        summary: 'Readiness: the database answers and every migration is applied',
        tags: ['probes'],
        response: { 200: Status, 503: Status },
      },
    },
    async (_request, reply) => {
      try {
        const applied = new Set(
          (await ctx.store.db.query<{ id: string }>('select id from custos_migrations')).map((r) => r.id),
        );
        const missing = bundledMigrations().filter((m) => !applied.has(m.id)).length;
        if (missing > 0)
          return reply.code(503).send({ status: 'not-ready', problem: `${missing} migrations not applied` });
        const warnings = ctx.options.deploymentWarnings;
        return warnings.length > 0 ? { status: 'ready', warnings } : { status: 'ready' };
      } catch {
        return reply.code(503).send({ status: 'not-ready', problem: 'the database does not answer' });
      }
    },
  );
};
