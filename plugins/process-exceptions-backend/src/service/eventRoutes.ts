import express from 'express';
import { parseEventsBody } from '../ingest/parseEvents';
import { RouteContext, Router } from './context';
import { inboxQuery, parse } from './queries';
import { provenanceOf } from './principals';

/**
 * `POST /v1/events`, on the router outside the spec router: the pipeline's
 * hot path skips its per-request route lookup, whose validation is off
 * anyway (the body is checked by `parseEventsBody`). The route is still
 * described in `openapi.yaml`.
 */
export function addIngestionRoute(router: express.Router, ctx: RouteContext) {
  router.post('/v1/events', async (req, res) => {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['service'],
    });
    const events = parseEventsBody(req.body);
    const results = await ctx.ingestor.ingest(
      'api',
      events.map(e => ({
        externalId: e.id,
        type: e.type,
        occurredAt: new Date(e.occurredAt),
        subject: e.entityRef ?? null,
        actor: e.actor ?? null,
        data: e.data,
        payload: e,
      })),
      provenanceOf(credentials),
    );
    const recorded = results.some(r => r.status === 'recorded');
    res.status(recorded ? 201 : 200).json({ results });
  });
}

export function addEventRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/unmapped', async (req, res) => {
    await ctx.reader(req);
    res.json({ items: await ctx.store.listUnmappedEvents(200) });
  });

  router.get('/v1/inbox', async (req, res) => {
    await ctx.reader(req);
    const { status } = parse(inboxQuery, req.query, 'query');
    res.json({ items: await ctx.inbox.list(status, 200) });
  });
}
