/**
 * Requests refused before a route is found: a request line or headers too long for the server to
 * read (431, answered on the socket) and an address the router cannot read or whose part is too
 * long (400, 414). A browser gets the service's page in plain words; the API and the probes keep
 * JSON. Neither ever echoes the address, which may hold what someone typed.
 */
import type {
  ConnectionError,
  FastifyError,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { Socket } from 'node:net';
import type { WebContext } from './context.ts';
import { ADDRESS_TOO_LONG } from './error-words.ts';
import { HttpError } from './errors.ts';
import { bareErrorPage } from './views.ts';

/** The API and the probes answer JSON; so does anything we cannot tell apart (no request line). */
const JSON_PATH = /^[A-Z]+ \/(api\/|health\b|ready\b)/;

function write(socket: Socket, status: string, type: string, body: string, extra = ''): void {
  if (!socket.writable) return;
  socket.write(
    `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n${extra}Connection: close\r\n\r\n${body}`,
  );
}

/** Fastify's clientErrorHandler: Node's own answer to a request it could not parse. */
export function clientErrorHandler(ctx: WebContext) {
  return (error: ConnectionError, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      // Node gives the bytes read so far (typed by Fastify as a serialised Buffer).
      const raw = error.rawPacket as unknown as Buffer | undefined;
      const line = Buffer.isBuffer(raw) ? raw.subarray(0, 64).toString('latin1') : '';
      if (!line || JSON_PATH.test(line))
        write(
          socket,
          '431 Request Header Fields Too Large',
          'application/json; charset=utf-8',
          JSON.stringify({
            statusCode: 431,
            error: 'Request Header Fields Too Large',
            message: 'the address or headers are too long',
          }),
        );
      else
        write(
          socket,
          '431 Request Header Fields Too Large',
          'text/html; charset=utf-8',
          bareErrorPage(ctx, ADDRESS_TOO_LONG),
          // The page has no script of its own to allow: GOV.UK Frontend's start-up script is left off.
          "Content-Security-Policy: default-src 'self'; script-src 'none'; frame-ancestors 'none'\r\n",
        );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      write(socket, '408 Request Timeout', 'application/json; charset=utf-8', '{"statusCode":408}');
    } else {
      write(socket, '400 Bad Request', 'application/json; charset=utf-8', '{"statusCode":400}');
    }
    socket.destroy(error);
  };
}

/** Fastify's frameworkErrors: the router's refusals, through the app's own error handler. */
export function frameworkErrors(
  handle: (error: unknown, request: FastifyRequest, reply: FastifyReply) => unknown,
): FastifyServerOptions['frameworkErrors'] {
  return ((error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    handle(
      error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new HttpError(414, 'the address is too long')
        : new HttpError(400, 'the address is not a valid web address'),
      request,
      reply,
    )) as FastifyServerOptions['frameworkErrors'];
}
