import { NotFoundError } from '@backstage/errors';
import { processExceptionsRebuildPermission } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RouteContext, Router } from './context';
import { parse, rebuildBody } from './queries';

/** Jobs listed by GET /v1/admin/rebuilds. */
const LIST_LIMIT = 20;

export function addRebuildRoutes(router: Router, ctx: RouteContext) {
  router.post('/v1/admin/rebuilds', async (req, res) => {
    const { actor } = await ctx.writer(req, processExceptionsRebuildPermission);
    const body = parse(rebuildBody, req.body, 'body');
    const { job, started } = await ctx.audited(req, 'rebuild-start', () =>
      ctx.rebuilds.request(actor, body.entityRefs),
    );
    res.status(started ? 202 : 200).json(job);
  });

  router.get('/v1/admin/rebuilds', async (req, res) => {
    await ctx.writer(req, processExceptionsRebuildPermission);
    res.json({ items: await ctx.rebuilds.list(LIST_LIMIT) });
  });

  router.get('/v1/admin/rebuilds/:id', async (req, res) => {
    await ctx.writer(req, processExceptionsRebuildPermission);
    const job = await ctx.rebuilds.get(req.params.id);
    if (!job) throw new NotFoundError(`No rebuild ${req.params.id}`);
    res.json(job);
  });
}
