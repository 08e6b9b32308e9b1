import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ExceptionKind,
  ExceptionStatus,
  processExceptionsAcknowledgeFindingPermission,
  processExceptionsCompleteTaskPermission,
  processExceptionsCreatePermission,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { evaluateMergeGate } from '../actions/mergeGate';
import { PortalActions } from '../actions/PortalActions';
import { ExceptionStore } from '../database/ExceptionStore';
import { Ingestor } from '../ingest/Ingestor';
import { parseEventsBody } from '../ingest/parseEvents';
import { buildScorecard } from '../scorecard/buildScorecard';
import { catalogOwners, UNKNOWN_OWNER } from '../scorecard/CatalogOwners';
import {
  acknowledgeBody,
  completeTaskBody,
  exceptionListQuery,
  findingListQuery,
  gateQuery,
  parse,
  recordExceptionBody,
  scorecardQuery,
} from './queries';

/** Largest request body accepted; larger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface RouterOptions {
  store: ExceptionStore;
  ingestor: Ingestor;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  logger: LoggerService;
}

/** Who did it, as recorded in the ledger. */
function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.type === 'user'
    ? p.userEntityRef!
    : `service:${p.subject ?? 'unknown'}`;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, ingestor, httpAuth, auth, permissions, auditor, catalog } =
    options;
  const actions = new PortalActions(store, ingestor);
  const router = Router();
  // Not strict: a JSON string or number gets our own 400 naming the body.
  router.use(express.json({ limit: MAX_BODY_BYTES, strict: false }));

  const readerCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Authenticates a write by a person (or a service on their behalf) and checks the permission. */
  async function authorizeWrite(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return actorOf(credentials);
  }

  /** Runs a write and records it with the auditor, whether it succeeds or fails. */
  async function audited<T>(
    req: Request,
    eventId: string,
    fn: () => Promise<T>,
  ) {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
    });
    try {
      const result = await fn();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', async (_req, res) => {
    await store.ping();
    res.json({ status: 'ok' });
  });

  router.post('/v1/events', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const events = parseEventsBody(req.body);
    const results = await ingestor.ingest(
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
    const recorded = results.filter(r => r.status === 'recorded').length;
    res.status(recorded > 0 ? 201 : 200).json({ results });
  });

  router.get('/v1/exceptions', async (req, res) => {
    await readerCredentials(req);
    const q = parse(exceptionListQuery, req.query, 'query');
    res.json(
      await store.listExceptions({
        ...q,
        status: q.status as ExceptionStatus | undefined,
        kind: q.kind as ExceptionKind | undefined,
      }),
    );
  });

  router.post('/v1/exceptions', async (req, res) => {
    const actor = await authorizeWrite(req, processExceptionsCreatePermission);
    const body = parse(recordExceptionBody, req.body, 'body');
    const exception = await audited(req, 'exception-record', () =>
      actions.recordException({
        ...body,
        kind: body.kind as ExceptionKind,
        actor,
      }),
    );
    res.status(201).json(exception);
  });

  router.get('/v1/exceptions/:id', async (req, res) => {
    await readerCredentials(req);
    const exception = await store.getException(req.params.id);
    if (!exception)
      throw new NotFoundError(`No exception with id ${req.params.id}`);
    res.json(exception);
  });

  router.post('/v1/exceptions/:id/tasks/:key/complete', async (req, res) => {
    const actor = await authorizeWrite(
      req,
      processExceptionsCompleteTaskPermission,
    );
    const { evidenceUrl } = parse(completeTaskBody, req.body, 'body');
    const exception = await audited(req, 'task-complete', () =>
      actions.completeTask({
        exceptionId: req.params.id,
        taskKey: req.params.key,
        actor,
        evidenceUrl,
      }),
    );
    res.json(exception);
  });

  router.get('/v1/findings', async (req, res) => {
    await readerCredentials(req);
    const q = parse(findingListQuery, req.query, 'query');
    const items = await store.listFindings({
      entityRef: q.entityRef,
      limit: q.limit,
      acknowledged:
        q.acknowledged === undefined ? undefined : q.acknowledged === 'true',
    });
    res.json({ items });
  });

  router.post('/v1/findings/:id/acknowledge', async (req, res) => {
    const actor = await authorizeWrite(
      req,
      processExceptionsAcknowledgeFindingPermission,
    );
    const body = parse(acknowledgeBody, req.body, 'body');
    const result = await audited(req, 'finding-acknowledge', () =>
      actions.acknowledgeFinding({ findingId: req.params.id, actor, ...body }),
    );
    res.json(result);
  });

  router.get('/v1/scorecard', async (req, res) => {
    await readerCredentials(req);
    const q = parse(scorecardQuery, req.query, 'query');
    const days = Number(q.window.slice(0, -1));
    const since = new Date(Date.now() - days * 24 * 3600 * 1000);
    const rows = await store.scoreEntities({ since });
    const owners = await catalogOwners(
      catalog,
      auth,
      rows.map(r => r.entityRef),
    );
    const ownerOf = (ref: string) => owners.get(ref) ?? UNKNOWN_OWNER;
    const scoped = q.owner
      ? rows.filter(r => ownerOf(r.entityRef) === q.owner)
      : rows;
    const items = buildScorecard(
      scoped,
      q.groupBy === 'owner' ? ownerOf : ref => ref,
    ).map(row => ({
      ...row,
      owner: q.groupBy === 'owner' ? row.key : ownerOf(row.key),
    }));
    res.json({
      groupBy: q.groupBy,
      window: q.window,
      since: since.toISOString(),
      items,
    });
  });

  router.get('/v1/gates/merge', async (req, res) => {
    await readerCredentials(req);
    const q = parse(gateQuery, req.query, 'query');
    res.json(
      evaluateMergeGate(await store.listUnbackfilled('partial-readiness'), q),
    );
  });

  router.get('/v1/unmapped', async (req, res) => {
    await readerCredentials(req);
    res.json({ items: await store.listUnmappedEvents(200) });
  });

  return router;
}
