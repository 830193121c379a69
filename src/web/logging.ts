/**
 * Structured logs that hold no personal data. Requests are logged by their route pattern
 * ("/staff/people/:personId"), never the URL, so no id or query string reaches the log; headers,
 * cookies, bodies and addresses are never serialised, and any such key that slips into a log
 * line is redacted as a second line of defence.
 */
import pino, { type Logger } from 'pino';
import type { ResolvedOptions } from './context.ts';

interface LoggedRequest {
  method?: string;
  routeOptions?: { url?: string };
}

interface LoggedReply {
  statusCode?: number;
}

const REDACT = [
  'headers',
  'cookies',
  'body',
  'query',
  'params',
  'password',
  'email',
  'authorization',
  'cookie',
  'url',
  'ip',
];

export function createLogger(options: ResolvedOptions['logger']): Logger {
  if (options === false) return pino({ enabled: false });
  return pino(
    {
      level: options.level,
      base: { service: 'custos-web' },
      redact: { paths: [...REDACT, ...REDACT.map((k) => `*.${k}`)], censor: '[redacted]' },
      serializers: {
        req: (req: LoggedRequest) => ({ method: req.method, route: req.routeOptions?.url ?? '(no route)' }),
        res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
        err: (err: Error & { code?: string; statusCode?: number }) => ({
          type: err.name,
          code: err.code,
          statusCode: err.statusCode,
          message: err.message,
          stack: err.stack,
        }),
      },
    },
    options.stream,
  );
}
