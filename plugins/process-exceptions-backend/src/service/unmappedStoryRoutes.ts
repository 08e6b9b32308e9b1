import { processExceptionsRebuildPermission } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RouteContext, Router } from './context';
import { parse, reassignStoryBody, withdrawStoryBody } from './queries';

/**
 * An operator's way out for a story sent for a service the catalog does
 * not know, which keeps the merge gate closed: send it again for its
 * service, or withdraw it. Both are recorded in the ledger.
 */
export function addUnmappedStoryRoutes(router: Router, ctx: RouteContext) {
  router.post('/v1/unmapped/stories/:storyId/reassign', async (req, res) => {
    const writer = await ctx.writer(req, processExceptionsRebuildPermission);
    const body = parse(reassignStoryBody, req.body, 'body');
    const outcome = await ctx.audited(req, 'story-reassign', () =>
      ctx.actions.reassignStory({
        ...writer,
        storyId: req.params.storyId,
        entityRef: body.entityRef,
      }),
    );
    res.status(201).json({
      // recorded for a catalog entity, or refused with 404
      entityRef: outcome.entityRef ?? body.entityRef,
      exceptions: outcome.exceptions,
    });
  });

  router.post('/v1/unmapped/stories/:storyId/withdraw', async (req, res) => {
    const writer = await ctx.writer(req, processExceptionsRebuildPermission);
    const body = parse(withdrawStoryBody, req.body, 'body');
    await ctx.audited(req, 'story-withdraw', () =>
      ctx.actions.withdrawStory({
        ...writer,
        storyId: req.params.storyId,
        reason: body.reason,
      }),
    );
    res.status(204).end();
  });
}
