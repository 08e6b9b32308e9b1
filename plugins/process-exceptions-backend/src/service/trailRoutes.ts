import { TrailEntry } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { TrailRecords } from '../database/ledger/trailQuery';
import { RouteContext, Router } from './context';
import { parse, trailKeyOf, trailQuery } from './queries';
import { ReadAccess } from './readAccess';

// At one instant: the event, then what it opened, closed or found.
const ORDER: Array<TrailEntry['kind']> = [
  'event',
  'exception',
  'task',
  'finding',
];

/** The trail's entries in time order, only those the caller may read. */
export async function trailEntries(
  records: TrailRecords,
  access: ReadAccess,
): Promise<TrailEntry[]> {
  const idOf = new Map(records.events.map(e => [e.seq, e.id]));
  const bySeq = new Map(records.events.map(e => [e.seq, e]));
  const entries: TrailEntry[] = [
    ...records.events.map(
      ({ seq, direct, entityRef, ...event }): TrailEntry => ({
        kind: 'event',
        at: event.occurredAt,
        entityRef,
        direct,
        event,
      }),
    ),
    ...records.exceptions.flatMap(({ exception, eventSeqs }): TrailEntry[] => [
      {
        kind: 'exception',
        at: exception.openedAt,
        entityRef: exception.entityRef,
        exception,
        eventIds: eventSeqs.flatMap(s => (idOf.has(s) ? [idOf.get(s)!] : [])),
      },
      ...exception.tasks
        .filter(t => t.doneAt)
        .map((task): TrailEntry => {
          const closer = bySeq.get(
            records.closers.get(`${exception.id}/${task.key}`) ?? -1,
          );
          return {
            kind: 'task',
            at: task.doneAt!,
            entityRef: exception.entityRef,
            exceptionId: exception.id,
            task,
            closedBy: closer
              ? { eventId: closer.id, provenance: closer.provenance }
              : null,
          };
        }),
    ]),
    ...records.findings.map(
      (finding): TrailEntry => ({
        kind: 'finding',
        at: finding.detectedAt,
        entityRef: finding.entityRef,
        finding,
      }),
    ),
  ];
  const readable = await access.readable(
    entries.flatMap(e => (e.entityRef ? [e.entityRef] : [])),
  );
  return entries
    .filter(e => (e.entityRef ? readable.has(e.entityRef) : access.everything))
    .sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind),
    );
}

export function addTrailRoutes(router: Router, ctx: RouteContext) {
  router.get('/v1/trail', async (req, res) => {
    const access = await ctx.readAccess(req);
    const key = trailKeyOf(parse(trailQuery, req.query, 'query'));
    const records = await ctx.store.trail(key.kind, key.value);
    const entries = await trailEntries(records, access);
    const services: string[] = [];
    for (const e of entries) {
      if (e.entityRef && !services.includes(e.entityRef)) {
        services.push(e.entityRef);
      }
    }
    res.json({ key, services, entries, truncated: records.truncated });
  });
}
