import express from 'express';
import {
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import { EventEnvelope } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { parseEventsBody } from '../ingest/parseEvents';
import { catalogEntities, scopedSubjects } from '../ingest/serviceScopes';
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
    const subjects = await subjectsOf(ctx, credentials, events, req.body);
    const results = await ctx.ingestor.ingest(
      'api',
      events.map((e, i) => ({
        externalId: e.id,
        type: e.type,
        occurredAt: new Date(e.occurredAt),
        subject: subjects[i],
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

/** Each event's subject: its entity ref, within the token's scope if it has one. */
async function subjectsOf(
  ctx: RouteContext,
  credentials: BackstageCredentials<BackstageServicePrincipal>,
  events: EventEnvelope[],
  body: { events?: unknown },
): Promise<Array<string | null>> {
  const service = credentials.principal.subject;
  const scope = ctx.serviceScopes.get(service);
  if (!scope) return events.map(e => e.entityRef ?? null);
  const where = Array.isArray(body.events)
    ? (i: number) => `events[${i}].`
    : () => '';
  return scopedSubjects(
    events,
    service,
    scope,
    catalogEntities(ctx.catalog, ctx.auth),
    where,
  );
}

export function addEventRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/unmapped', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the unmapped events');
    res.json({ items: await ctx.store.listUnmappedEvents(200) });
  });

  router.get('/v1/maintenance/failures', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the maintenance failures');
    const items = await ctx.failures.list(200);
    res.json({
      items: items.map(f => ({
        ...f,
        firstFailedAt: f.firstFailedAt.toISOString(),
        lastFailedAt: f.lastFailedAt.toISOString(),
        nextAttemptAt: f.nextAttemptAt.toISOString(),
      })),
    });
  });

  router.get('/v1/inbox', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the inbox');
    const { status } = parse(inboxQuery, req.query, 'query');
    res.json({ items: await ctx.inbox.list(status, 200) });
  });
}
