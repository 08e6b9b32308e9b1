import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import { EVENT_KEY_COLUMNS } from './columns';
import { parseJson } from './conversions';
import { eventKeyRows, KEY_INSERT_OPTIONS } from './eventKeys';

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
      const rows = eventKeyRows(
        events.map(e => ({
          seq: Number(e.seq),
          entityRef: e.entity_ref,
          type: e.type,
          externalId: e.external_id,
          data: parseJson(e.data),
        })),
      );
      await bulkInsert(
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
