import express from 'express';
import { parseEventsBody } from '../ingest/parseEvents';
import { RouteContext, Router } from './context';
import { inboxQuery, parse } from './queries';
import { provenanceOf } from './principals';

/**
 * `POST /v1/events`, excluded from the spec's request validation by being
 * mounted outside the spec router: a batch of 500 events is checked once, by
 * `parseEventsBody`, whose messages name the event index and field
 * (`events[2].data.outcome`), and the pipeline's hot path skips a second
 * schema pass. The spec still describes the route, and its responses are
 * checked against the spec like every other's.
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
    (await ctx.readAccess(req)).requireEverything('the unmapped events');
    res.json({ items: await ctx.store.listUnmappedEvents(200) });
  });

  router.get('/v1/inbox', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the inbox');
    const { status } = parse(inboxQuery, req.query, 'query');
    res.json({ items: await ctx.inbox.list(status, 200) });
  });
}
