import { processExceptionsAcknowledgeFindingPermission } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RouteContext, Router } from './context';
import { onlyReadable } from './readAccess';
import { acknowledgeBody, findingListQuery, parse } from './queries';

export function addFindingRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/findings', async (req, res) => {
    const access = await ctx.readAccess(req);
    const q = parse(findingListQuery, req.query, 'query');
    if (q.entityRef) await access.requireEntity(q.entityRef);
    const page = await ctx.store.listFindings({
      entityRef: q.entityRef,
      limit: q.limit,
      cursor: q.cursor,
      acknowledged:
        q.acknowledged === undefined ? undefined : q.acknowledged === 'true',
    });
    res.json({ ...page, items: await onlyReadable(access, page.items) });
  });

  router.post('/v1/findings/:id/acknowledge', async (req, res) => {
    const writer = await ctx.writer(
      req,
      processExceptionsAcknowledgeFindingPermission,
    );
    const body = parse(acknowledgeBody, req.body, 'body');
    const result = await ctx.audited(req, 'finding-acknowledge', () =>
      ctx.actions.acknowledgeFinding({
        findingId: req.params.id,
        ...writer,
        ...body,
      }),
    );
    res.json(result);
  });
}
