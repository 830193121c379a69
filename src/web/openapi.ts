/**
 * The HTTP API's description: OpenAPI 3.1 generated from the routes' zod schemas, served as JSON at
 * /api/openapi.json and as a plain server-rendered page at /api/docs (no script, so it works under
 * the site's CSP and without JavaScript). Pages are hidden from it; only the API and the probes
 * are described.
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { WebContext } from './context.ts';

export const OPENAPI_VERSION = '3.1.0';

export async function registerOpenApi(app: FastifyInstance, ctx: WebContext): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: OPENAPI_VERSION,
      info: {
        title: `Custos API – ${ctx.manifest.controller.name}`,
        version: '1',
        description:
          'Push records into Custos from a housing management system. Every call acts under a service account, names the purpose it is for, and passes the access gate; every call is audited.',
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'A service account API key, "ck.<id>.<secret>".',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
}

interface Operation {
  method: string;
  path: string;
  summary?: string;
  description?: string;
  secured: boolean;
  requestBody?: string;
  responses: { status: string; description: string }[];
}

type OpenApiDoc = {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
};

/** The operations of the document, for the docs page. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const body = (op.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
        ?.content;
      const schema = body && Object.values(body)[0]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary as string | undefined,
        description: op.description as string | undefined,
        secured: Array.isArray(op.security) && op.security.length > 0,
        ...(schema !== undefined && { requestBody: JSON.stringify(schema, null, 2) }),
        responses: Object.entries((op.responses ?? {}) as Record<string, { description?: string }>).map(
          ([status, r]) => ({ status, description: r.description ?? '' }),
        ),
      });
    }
  }
  return ops;
}
