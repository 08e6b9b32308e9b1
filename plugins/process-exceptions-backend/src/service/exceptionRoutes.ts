import { NotFoundError } from '@backstage/errors';
import {
  ExceptionKind,
  ExceptionStatus,
  processExceptionsCompleteTaskPermission,
  processExceptionsCreatePermission,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { evaluateMergeGate } from '../actions/mergeGate';
import { RouteContext, Router } from './context';
import { onlyReadable } from './readAccess';
import {
  completeTaskBody,
  exceptionListQuery,
  gateQuery,
  parse,
  recordExceptionBody,
} from './queries';

export function addExceptionRoutes(router: Router, ctx: RouteContext) {
  const { store, actions } = ctx;

  router.get('/v1/exceptions', async (req, res) => {
    const access = await ctx.readAccess(req);
    const q = parse(exceptionListQuery, req.query, 'query');
    if (q.entityRef) await access.requireEntity(q.entityRef);
    const page = await store.listExceptions({
      ...q,
      status: q.status as ExceptionStatus | undefined,
      kind: q.kind as ExceptionKind | undefined,
    });
    res.json({ ...page, items: await onlyReadable(access, page.items) });
  });

  router.post('/v1/exceptions', async (req, res) => {
    const writer = await ctx.writer(req, processExceptionsCreatePermission);
    const body = parse(recordExceptionBody, req.body, 'body');
    const exception = await ctx.audited(req, 'exception-record', () =>
      actions.recordException({
        ...body,
        kind: body.kind as ExceptionKind,
        ...writer,
      }),
    );
    res.status(201).json(exception);
  });

  router.get('/v1/exceptions/:id', async (req, res) => {
    const access = await ctx.readAccess(req);
    const exception = await store.getException(req.params.id);
    // One the caller may not read is not there for them.
    if (!exception || (await onlyReadable(access, [exception])).length === 0) {
      throw new NotFoundError(`No exception with id ${req.params.id}`);
    }
    res.json(exception);
  });

  router.post('/v1/exceptions/:id/tasks/:key/complete', async (req, res) => {
    const writer = await ctx.writer(
      req,
      processExceptionsCompleteTaskPermission,
    );
    const { evidenceUrl } = parse(completeTaskBody, req.body, 'body');
    const exception = await ctx.audited(req, 'task-complete', () =>
      actions.completeTask({
        exceptionId: req.params.id,
        taskKey: req.params.key,
        ...writer,
        evidenceUrl,
      }),
    );
    res.json(exception);
  });

  router.get('/v1/gates/merge', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the merge gate');
    const q = parse(gateQuery, req.query, 'query');
    res.json(
      evaluateMergeGate(
        await store.listUnbackfilled('partial-readiness'),
        await store.unmappedStories(q),
        ctx.policy.attestation,
        q,
      ),
    );
  });
}
