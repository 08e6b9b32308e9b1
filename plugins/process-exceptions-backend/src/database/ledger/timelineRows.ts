import { TrailEvent } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { parseJson, toIso } from '../sql/conversions';

/** The columns of `pe_events as e` a timeline shows. */
export const TIMELINE_COLUMNS = [
  'e.external_id',
  'e.source',
  'e.type',
  'e.actor',
  'e.occurred_at',
  'e.received_at',
  'e.provenance',
  'e.data',
];

/** A ledger row read with {@link TIMELINE_COLUMNS}, as the API shows it. */
export function timelineEventOf(row: Record<string, any>): TrailEvent {
  return {
    id: row.external_id,
    source: row.source,
    type: row.type,
    actor: row.actor,
    occurredAt: toIso(row.occurred_at)!,
    receivedAt: toIso(row.received_at)!,
    provenance: parseJson(row.provenance),
    data: parseJson(row.data),
  };
}
