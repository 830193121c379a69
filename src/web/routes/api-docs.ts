/** The API description: the OpenAPI document, and a page listing its operations. */
import { operationsOf, OPENAPI_VERSION } from '../openapi.ts';
import { PAGE, type RouteModule } from './module.ts';

export const apiDocsRoutes: RouteModule = (app) => {
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get('/api/docs', { schema: PAGE }, (_request, reply) => {
    const doc = app.swagger() as Parameters<typeof operationsOf>[0];
    return reply.page('pages/public/api-docs.njk', {
      title: 'API documentation',
      version: OPENAPI_VERSION,
      operations: operationsOf(doc),
    });
  });
};
