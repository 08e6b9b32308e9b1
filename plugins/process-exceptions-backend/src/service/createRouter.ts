import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { catalogAnnotations } from '../webhooks/checkScopes';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { checkJsonShape } from '../ingest/checkJsonShape';
import { spec } from '../schema/openapi.generated';
import { createRouteContext, RouterOptions } from './context';
import { addEventRoutes, addIngestionRoute } from './eventRoutes';
import { addExceptionRoutes } from './exceptionRoutes';
import { addFindingRoutes } from './findingRoutes';
import { addRebuildRoutes } from './rebuildRoutes';
import { addScorecardRoutes } from './scorecardRoutes';
import { addTrailRoutes } from './trailRoutes';
import { addEvidenceRoutes } from './evidenceRoutes';
import { addLedgerRoutes } from './ledgerRoutes';
import { addUnmappedStoryRoutes } from './unmappedStoryRoutes';
import { createWebhookRouter } from './webhookRoutes';

export type { RouterOptions } from './context';

/** Largest request body accepted; larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The HTTP API, typed and validated by the OpenAPI spec in
 * `src/schema/openapi.yaml`: the spec router rejects a request whose shape
 * the spec refuses, naming the field (`request/body/name must be string`).
 * The zod schemas in `queries.ts` then check what a schema cannot say
 * (a name that is only blanks, an http(s) evidence link, a ref's length once
 * normalised). Two routes stay outside, as the spec says: the webhooks,
 * whose signatures need the raw body, and `POST /v1/events` (see
 * `addIngestionRoute`).
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const ctx = createRouteContext(options);
  const outer = Router();
  // Before the JSON parser: webhook signatures need the raw bytes.
  outer.use(
    createWebhookRouter(ctx, {
      settings: options.webhooks,
      policy: options.policy,
      maxBodyBytes: MAX_BODY_BYTES,
      annotationsOf: catalogAnnotations(options.catalog, options.auth),
    }),
  );
  // Parsed here, outside the spec router, so an oversized body keeps its 413.
  // Not strict: a bare JSON string gets our own 400 naming the body.
  outer.use(express.json({ limit: MAX_BODY_BYTES, strict: false }));
  outer.use((req, _res, next) => {
    if (req.method === 'POST') {
      if (!req.is('application/json')) {
        throw new InputError('body: Content-Type must be application/json');
      }
      checkJsonShape(req.body);
    }
    next();
  });

  addIngestionRoute(outer, ctx);

  const api = createValidatedOpenApiRouter<typeof spec>(spec, {
    // Replaces the spec router's default body parser: the body is parsed above.
    middleware: [(_req, _res, next) => next()],
  });
  api.get('/health', async (_req, res) => {
    await options.store.ping();
    res.json({ status: 'ok' });
  });
  addEventRoutes(api, ctx);
  addExceptionRoutes(api, ctx);
  addFindingRoutes(api, ctx);
  addScorecardRoutes(api, ctx);
  addTrailRoutes(api, ctx);
  addEvidenceRoutes(api, ctx);
  addLedgerRoutes(api, ctx);
  addUnmappedStoryRoutes(api, ctx);
  addRebuildRoutes(api, ctx);
  outer.use(api);
  return outer;
}
