import { once } from 'node:events';
import { EvidenceScope } from '../database/derived/evidenceQueries';
import { writeEvidence } from '../evidence/writeEvidence';
import { entitiesOwnedBy } from '../scorecard/CatalogOwners';
import { RouteContext, Router } from './context';
import { evidenceQuery, parse } from './queries';

// Exceptions carry their tasks: a page of them is about 2 MiB of CSV, and
// fewer, larger pages cost the database less per exception.
const PAGE = 2000;

export function addEvidenceRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/evidence', async (req, res) => {
    const access = await ctx.readAccess(req);
    const q = parse(evidenceQuery, req.query, 'query');
    if (q.entityRef) await access.requireEntity(q.entityRef);
    else access.requireEverything('the evidence export');
    let entityRefs: string[] | undefined;
    if (q.entityRef) entityRefs = [q.entityRef];
    else if (q.owner) {
      entityRefs = await entitiesOwnedBy(ctx.catalog, ctx.auth, q.owner);
    }
    const scope: EvidenceScope = {
      from: q.fromDate,
      to: q.toDate,
      entityRefs,
    };
    // Read first: everything sealed up to it is in the ledger as exported.
    const head = await ctx.seals?.latestHead();
    const name = `process-exceptions-evidence-${q.from}-${q.to}.${q.format}`;
    res.status(200);
    res.setHeader(
      'Content-Type',
      q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    try {
      await writeEvidence(
        {
          exceptions: after => ctx.store.exceptionsOpenedIn(scope, after, PAGE),
          findings: after => ctx.store.findingsDetectedIn(scope, after, PAGE),
          ownersOf: refs => ctx.owners.ownersOf(refs),
          chainHeads: head ? [head] : [],
        },
        {
          period: {
            from: scope.from.toISOString(),
            to: scope.to.toISOString(),
          },
          owner: q.owner ?? null,
          entityRef: q.entityRef ?? null,
        },
        q.format,
        async chunk => {
          if (!res.write(chunk)) await once(res, 'drain');
        },
      );
      res.end();
    } catch (error) {
      if (!res.headersSent) throw error;
      // The status is sent: cut the body short, so no one takes it as whole.
      ctx.logger.error(`The evidence export failed midway: ${error}`);
      res.destroy(error as Error);
    }
  });
}
