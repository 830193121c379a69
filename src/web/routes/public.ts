/**
 * Public pages: the start page, the privacy notice and the just-in-time notices (the notice
 * module's document, laid out in the site's layout), and how to make a request.
 */
import { z } from 'zod';
import { buildJustInTime, buildNotice } from '../../notice/render.ts';
import { UnknownActivityError } from '../../notice/jit.ts';
import { howToUseRights, yourRights } from '../../notice/sections/rights.ts';
import { HttpError } from '../errors.ts';
import { PAGE, type RouteModule } from './module.ts';

const Activity = z.object({
  activity: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'an activity id is lower-case words joined by hyphens'),
});

export const publicRoutes: RouteModule = (app, ctx) => {
  const { manifest } = ctx;

  app.get('/', { schema: PAGE }, (_request, reply) =>
    reply.page('pages/public/home.njk', {
      title: 'Your information and your rights',
      activities: manifest.activities.filter((a) => a.justInTime),
    }),
  );

  app.get('/privacy', { schema: PAGE }, (_request, reply) => {
    const doc = buildNotice(manifest);
    return reply.page('pages/public/notice.njk', { title: doc.title, doc, contents: true });
  });

  app.get('/privacy/:activity', { schema: { ...PAGE, params: Activity } }, (request, reply) => {
    let doc;
    try {
      doc = buildJustInTime(manifest, request.params.activity);
    } catch (error) {
      if (error instanceof UnknownActivityError) throw new HttpError(404, 'There is no such notice.');
      throw error;
    }
    return reply.page('pages/public/notice.njk', { title: doc.title, doc, contents: false, jit: true });
  });

  app.get('/how-to-make-a-request', { schema: PAGE }, (_request, reply) =>
    reply.page('pages/public/how-to.njk', {
      title: 'How to make a request about your information',
      sections: [howToUseRights(manifest), yourRights(manifest)],
    }),
  );
};
