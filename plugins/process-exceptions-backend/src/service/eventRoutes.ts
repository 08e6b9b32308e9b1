import express from 'express';
import { parseEventsBody } from '../ingest/parseEvents';
import { RouteContext, Router } from './context';

/**
 * `POST /v1/events`, on the router outside the spec router: the pipeline's
 * hot path skips its per-request route lookup, whose validation is off
 * anyway (the body is checked by `parseEventsBody`). The route is still
 * described in `openapi.yaml`.
 */
export function addIngestionRoute(router: express.Router, ctx: RouteContext) {
  router.post('/v1/events', async (req, res) => {
    await ctx.httpAuth.credentials(req, { allow: ['service'] });
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
}
