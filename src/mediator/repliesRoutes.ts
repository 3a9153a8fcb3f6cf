/**
 * The team's canned replies over HTTP (docs/mediator-api.md):
 *   GET /api/mediator/replies?locale=fr|en — any mediator: the replies of their territory in that language (the
 *       defaults of locales/replies.<locale>.yaml until a coordinator saved some);
 *   PUT /api/mediator/replies {locale, replies: [{title, text}]} — coordinators only (403 otherwise): replaces the
 *       list, validated with zod (400 names the field), written to the territory's audit log.
 * Always the session's territory: another territory's replies cannot be named, read nor written.
 */
import restify, { type Request, type RequestHandler, type Response, type Server } from 'restify';
import { z } from 'zod';
import type { MediatorRouteKit } from './api';
import type { AuditLog } from './audit';
import { defaultReplies, REPLY_LOCALES, RepliesList, type ReplyLocale, type ReplyStore } from './replies';

type Next = (err?: unknown) => void;

export interface RepliesRoutesDeps {
  replies: ReplyStore;
  audit: AuditLog;
  now: () => number;
}

const PutBody = z.object({ locale: z.enum(REPLY_LOCALES), replies: RepliesList }).strict();
/** 30 replies of 1000 characters, JSON-escaped, fit. */
const MAX_BODY = 96 * 1024;

/** JSON only (415), like every body of the mediator API, with room for a whole list. */
const jsonOnly = (req: Request, res: Response, next: Next): void => {
  const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    res.send(415, { error: { code: 'UnsupportedMediaType', message: 'send a JSON body (Content-Type: application/json)' } });
    return next(false);
  }
  return next();
};

export function mountRepliesRoutes(server: Server, kit: MediatorRouteKit, deps: RepliesRoutesDeps): void {
  for (const locale of REPLY_LOCALES) defaultReplies(locale); // a broken locales/replies.*.yaml fails the start
  const json: RequestHandler[] = [jsonOnly, ...restify.plugins.bodyParser({ maxBodySize: MAX_BODY, mapParams: false, rejectUnknown: true })];

  const answer = async (territory: string, locale: ReplyLocale) => {
    const own = await deps.replies.get(territory, locale);
    return own
      ? { territory, locale, replies: own.replies, custom: true, updatedAt: own.updatedAt, updatedBy: own.updatedBy }
      : { territory, locale, replies: defaultReplies(locale), custom: false };
  };

  server.get('/api/mediator/replies', kit.auth, kit.guard(async (req, res) => {
    const m = kit.me(req);
    const locale = new URLSearchParams(req.getQuery() ?? '').get('locale') ?? 'fr';
    if (!(REPLY_LOCALES as readonly string[]).includes(locale)) return kit.fail(res, 400, 'BadRequest', `locale: one of ${REPLY_LOCALES.join(', ')}`);
    res.send(200, await answer(m.territory, locale as ReplyLocale));
  }));

  /** The role first: a mediator learns nothing from a body check. */
  const coordinatorOnly = (req: Request, res: Response, next: Next): void => {
    if (kit.me(req).role === 'coordinateur') return next();
    kit.fail(res, 403, 'Forbidden', "the team's replies are edited by coordinators");
    return next(false);
  };

  server.put('/api/mediator/replies', kit.auth, coordinatorOnly, ...json, kit.guard(async (req, res) => {
    const body = PutBody.safeParse(req.body);
    if (!body.success) return kit.bad(res, body.error);
    const m = kit.me(req);
    const { locale, replies } = body.data;
    await deps.replies.set(m.territory, locale, { replies, updatedAt: deps.now(), updatedBy: m.id });
    await deps.audit.write(m.territory, { at: deps.now(), mediatorId: m.id, action: 'replies-edit' });
    res.send(200, await answer(m.territory, locale));
  }));
}
