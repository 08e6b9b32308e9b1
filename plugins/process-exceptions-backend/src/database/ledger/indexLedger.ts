import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { dialectOf } from '../dialect/SqlDialect';
import { EVENT_KEY_COLUMNS } from '../sql/columns';
import { eventKeyRows, indexedEventOf, KEY_INSERT_OPTIONS } from './eventKeys';

/** Events indexed per transaction. */
const BATCH = 5000;

/**
 * Adds the correlation keys of the events recorded before the index
 * existed, from where the last run stopped. Replicas starting together may
 * index a batch twice; the keys are then kept once.
 */
export async function indexLedger(
  db: Knex,
  logger?: LoggerService,
): Promise<void> {
  for (;;) {
    const done = await db.transaction(async tx => {
      const state = await tx('pe_event_keys_backfill').first();
      const next = Number(state?.next_seq ?? 1);
      const end = Number(state?.end_seq ?? 0);
      if (next > end) return true;
      const last = Math.min(end, next + BATCH - 1);
      const events = await tx('pe_events')
        .whereBetween('seq', [next, last])
        .select('seq', 'entity_ref', 'type', 'external_id', 'data');
      const rows = eventKeyRows(events.map(e => indexedEventOf(e)));
      await dialectOf(db).insert(
        tx,
        'pe_event_keys',
        EVENT_KEY_COLUMNS,
        rows,
        KEY_INSERT_OPTIONS,
      );
      await tx('pe_event_keys_backfill').update({ next_seq: last + 1 });
      logger?.info(`Indexed ledger events up to ${last} of ${end}`);
      return last >= end;
    });
    if (done) return;
  }
}
