import {
  BackfillTask,
  ExceptionKind,
  ExceptionLinks,
  ExceptionStatus,
  Finding,
  FindingRule,
  ProcessException,
  BackfillRole,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { parseJson, toBool, toIso } from '../sql/conversions';

type Time = Date | number | string;

/**
 * An exception as one row: its `pe_exceptions` columns and its
 * `pe_exception_states` columns (EXCEPTION_STATE_COLUMNS), as the rules
 * derive it and as the reads join it.
 */
export interface ExceptionRow {
  id: string;
  natural_key: string;
  entity_ref: string;
  kind: string;
  name: string;
  reason: string;
  links: string;
  opened_by: string | null;
  opened_at: Time;
  deadline: Time | null;
  status: string;
  backfilled_at: Time | null;
  backfilled_on_time: boolean | number | null;
  backfill_seconds: number | null;
  fingerprint: string;
  updated_at: Time;
}

/** An exception as the read queries return it, with its tasks as JSON. */
export type ExceptionReadRow = Pick<
  ExceptionRow,
  | 'id'
  | 'entity_ref'
  | 'kind'
  | 'name'
  | 'reason'
  | 'links'
  | 'opened_by'
  | 'opened_at'
  | 'deadline'
  | 'status'
  | 'backfilled_at'
  | 'backfilled_on_time'
> & {
  /** An array of task rows in checklist order; text on SQLite. */
  tasks: string | TaskRow[];
};

/** The `pe_exception_states` row of an exception. */
export type ExceptionStateRow = Pick<
  ExceptionRow,
  | 'entity_ref'
  | 'deadline'
  | 'status'
  | 'backfilled_at'
  | 'backfilled_on_time'
  | 'backfill_seconds'
  | 'updated_at'
> & { exception_id: string };

export interface TaskRow {
  exception_id: string;
  key: string;
  position: number;
  title: string;
  role: string;
  due_at: Time | null;
  done_at: Time | null;
  done_by: string | null;
  evidence_url: string | null;
  done_seq: number | string | null;
}

export interface FindingRow {
  id: string;
  natural_key: string;
  rule: string;
  entity_ref: string;
  message: string;
  event_seqs: string;
  detected_at: Time;
  acknowledged_at: Time | null;
  acknowledged_by: string | null;
  exception_id: string | null;
  fingerprint: string;
}

export function taskFromRow(row: TaskRow): BackfillTask {
  return {
    key: row.key,
    title: row.title,
    role: row.role as BackfillRole,
    dueAt: toIso(row.due_at),
    doneAt: toIso(row.done_at),
    doneBy: row.done_by,
    evidenceUrl: row.evidence_url,
  };
}

export function exceptionFromRow(row: ExceptionReadRow): ProcessException {
  const tasks = parseJson<TaskRow[]>(row.tasks);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    kind: row.kind as ExceptionKind,
    name: row.name,
    reason: row.reason,
    links: parseJson<ExceptionLinks>(row.links),
    openedBy: row.opened_by,
    openedAt: toIso(row.opened_at)!,
    deadline: toIso(row.deadline),
    status: row.status as ExceptionStatus,
    backfilledAt: toIso(row.backfilled_at),
    backfilledOnTime: toBool(row.backfilled_on_time),
    tasks: tasks.map(taskFromRow),
  };
}

/** Findings name the events behind them by the senders' ids. */
export function findingFromRow(
  row: FindingRow,
  externalIds: Map<number, string>,
): Finding {
  const seqs = parseJson<number[]>(row.event_seqs);
  return {
    id: row.id,
    rule: row.rule as FindingRule,
    entityRef: row.entity_ref,
    message: row.message,
    eventIds: seqs.map(s => externalIds.get(s) ?? String(s)),
    detectedAt: toIso(row.detected_at)!,
    acknowledgedAt: toIso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    exceptionId: row.exception_id,
  };
}
