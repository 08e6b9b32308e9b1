/**
 * Column name → PostgreSQL type, in insert order. `json` marks a text column
 * whose row value is an object, stored as its JSON text.
 */
export type ColumnTypes = Record<string, string>;

// The columns the write path inserts, with their PostgreSQL types (see the
// migrations); `pe_events.seq` is the database's to assign.

export const EVENT_COLUMNS: ColumnTypes = {
  source: 'text',
  external_id: 'text',
  type: 'text',
  entity_ref: 'text',
  subject: 'text',
  actor: 'text',
  occurred_at: 'timestamptz',
  received_at: 'timestamptz',
  data: 'json',
  payload: 'json',
  provenance: 'json',
};

export const EXCEPTION_COLUMNS: ColumnTypes = {
  id: 'text',
  natural_key: 'text',
  entity_ref: 'text',
  kind: 'text',
  name: 'text',
  reason: 'text',
  links: 'text',
  opened_by: 'text',
  opened_at: 'timestamptz',
  fingerprint: 'text',
  updated_at: 'timestamptz',
};

export const EXCEPTION_STATE_COLUMNS: ColumnTypes = {
  exception_id: 'text',
  entity_ref: 'text',
  deadline: 'timestamptz',
  status: 'text',
  backfilled_at: 'timestamptz',
  backfilled_on_time: 'boolean',
  backfill_seconds: 'integer',
  updated_at: 'timestamptz',
};

export const TASK_COLUMNS: ColumnTypes = {
  exception_id: 'text',
  key: 'text',
  position: 'integer',
  title: 'text',
  role: 'text',
  due_at: 'timestamptz',
  done_at: 'timestamptz',
  done_by: 'text',
  evidence_url: 'text',
  done_seq: 'bigint',
};

export const LINK_COLUMNS: ColumnTypes = {
  exception_id: 'text',
  event_seq: 'bigint',
  not_counted: 'text',
};

export const FINDING_COLUMNS: ColumnTypes = {
  id: 'text',
  natural_key: 'text',
  rule: 'text',
  entity_ref: 'text',
  message: 'text',
  event_seqs: 'text',
  detected_at: 'timestamptz',
  acknowledged_at: 'timestamptz',
  acknowledged_by: 'text',
  exception_id: 'text',
  fingerprint: 'text',
};

export const EVENT_KEY_COLUMNS: ColumnTypes = {
  event_seq: 'bigint',
  entity_ref: 'text',
  kind: 'text',
  value_digest: 'text',
  value: 'text',
};
