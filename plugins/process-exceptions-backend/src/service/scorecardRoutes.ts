import { EntityScoreRow } from '../database/ExceptionStore';
import { buildScorecard } from '../scorecard/buildScorecard';
import { buildTrends } from '../scorecard/buildTrends';
import { entitiesOwnedBy, UNKNOWN_OWNER } from '../scorecard/CatalogOwners';
import { ScoreCache } from '../scorecard/ScoreCache';
import { RouteContext, Router } from './context';
import { parse, scorecardQuery, summaryQuery, trendsQuery } from './queries';

const DAY_MS = 24 * 3600 * 1000;
const SUMMARY_DAYS = 90;

export function addScorecardRoutes(router: Router, ctx: RouteContext) {
  const { store, catalog, auth } = ctx;
  const scores = new ScoreCache<EntityScoreRow[]>(
    ctx.scorecardCacheSeconds * 1000,
  );
  ctx.ingestor.onChange(() => scores.clear());

  router.get('/v1/summary', async (req, res) => {
    const access = await ctx.readAccess(req);
    const { entityRef } = parse(summaryQuery, req.query, 'query');
    await access.requireEntity(entityRef);
    const now = new Date();
    const since = new Date(now.getTime() - SUMMARY_DAYS * DAY_MS);
    const [row] = await store.scoreEntities({
      since,
      now,
      entityRefs: [entityRef],
    });
    res.json({
      open: row?.open ?? 0,
      overdue: row?.overdue ?? 0,
      backfilledOnTime: row?.backfilledOnTime ?? 0,
      backfilledLate: row?.backfilledLate ?? 0,
      unacknowledgedFindings: row?.unacknowledgedFindings ?? 0,
      since: since.toISOString(),
    });
  });

  router.get('/v1/scorecard', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the scorecard');
    const q = parse(scorecardQuery, req.query, 'query');
    const now = new Date();
    const since = new Date(
      now.getTime() - Number(q.window.slice(0, -1)) * DAY_MS,
    );
    const rows = await scores.get(q.window, () =>
      store.scoreEntities({ since, now }),
    );
    const owners = await ctx.owners.ownersOf(rows.map(r => r.entityRef));
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

  router.get('/v1/trends', async (req, res) => {
    (await ctx.readAccess(req)).requireEverything('the trends');
    const q = parse(trendsQuery, req.query, 'query');
    // Whole weeks ending now, oldest first.
    const since = new Date(Date.now() - q.weeks * 7 * DAY_MS);
    const entityRefs = q.owner
      ? await entitiesOwnedBy(catalog, auth, q.owner)
      : undefined;
    const rows = await store.weeklyCounts({ since, entityRefs });
    res.json({ weeks: buildTrends(rows, since, q.weeks) });
  });
}
