import { ConflictError } from '@backstage/errors';
import { RouteContext, Router } from './context';
import { parse, verifyQuery } from './queries';

export function addLedgerRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/ledger/verify', async (req, res) => {
    const access = await ctx.readAccess(req);
    access.requireEverything('the ledger verification');
    const against = parse(verifyQuery, req.query, 'query');
    if (!ctx.seals) {
      throw new ConflictError(
        'The ledger is not sealed: set processExceptions.ledger.sealingKey',
      );
    }
    res.json(await ctx.seals.verify(against));
  });
}
