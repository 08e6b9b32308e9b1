import { Knex } from 'knex';

const iso = (v: unknown) =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();

/**
 * The derived state of one ledger, comparable across databases: the
 * exceptions, their tasks and event links, and the findings, without what
 * depends on when or in which order rows were written (`updated_at`, the
 * fingerprints, ledger sequence numbers — events are named by source and id
 * instead).
 */
export async function snapshotState(db: Knex) {
  const events = await db('pe_events').select('seq', 'source', 'external_id');
  const nameOf = new Map<string, string>(
    events.map(e => [String(e.seq), `${e.source}:${e.external_id}`]),
  );
  const names = (seqs: Array<number | string>) =>
    seqs.map(s => nameOf.get(String(s)) ?? `?${s}`).sort();

  const exceptions = (
    await db('pe_exceptions as e')
      .join('pe_exception_states as s', 's.exception_id', 'e.id')
      .orderBy('e.id')
      .select('e.*', 's.*')
  ).map(({ updated_at: _u, fingerprint: _f, exception_id: _x, ...e }) => ({
    ...e,
    opened_at: iso(e.opened_at),
    deadline: iso(e.deadline),
    backfilled_at: iso(e.backfilled_at),
  }));
  const tasks = (
    await db('pe_tasks').orderBy(['exception_id', 'key']).select('*')
  ).map(({ done_seq, ...t }) => ({
    ...t,
    due_at: iso(t.due_at),
    done_at: iso(t.done_at),
    done_by_event: done_seq === null ? null : names([done_seq])[0],
  }));
  const links = new Map<string, Array<number | string>>();
  for (const row of await db('pe_exception_events').select('*')) {
    const list = links.get(row.exception_id) ?? [];
    list.push(row.event_seq);
    links.set(row.exception_id, list);
  }
  const exceptionEvents = Object.fromEntries(
    [...links.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, seqs]) => [id, names(seqs)]),
  );
  const findings = (await db('pe_findings').orderBy('id').select('*')).map(
    ({ fingerprint: _f, event_seqs, ...f }) => ({
      ...f,
      events: names(JSON.parse(event_seqs)),
      detected_at: iso(f.detected_at),
      acknowledged_at: iso(f.acknowledged_at),
    }),
  );
  return { exceptions, tasks, exceptionEvents, findings };
}

/** Ledger rows, and how many distinct (source, id) they hold. */
export async function ledgerCounts(db: Knex, idPrefix = '') {
  const base = () =>
    db('pe_events').where('external_id', 'like', `${idPrefix}%`);
  const [{ n }] = await base().count({ n: '*' });
  const [{ d }] = await base().countDistinct({
    d: db.raw("source || ':' || external_id"),
  });
  return { rows: Number(n), distinct: Number(d) };
}
