import {
  BackfillTask,
  describeProvenance,
  EventProvenance,
  ChainHead,
  Finding,
  SenderUrls,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { EvidenceException } from '../database/derived/evidenceQueries';
import { CsvValue } from './csv';

/** The CSV's columns; `record` says which population a row belongs to. */
export const CSV_COLUMNS = [
  'record',
  'exception_id',
  'kind',
  'entity_ref',
  'owner',
  'name',
  'reason',
  'opened_at',
  'opened_by',
  'incident',
  'changes',
  'flag',
  'story',
  'deployment',
  'sender_urls',
  'deadline',
  'status',
  'backfilled_at',
  'on_time',
  'hours_to_backfill',
  'task_key',
  'task_title',
  'task_role',
  'task_due_at',
  'task_done_at',
  'task_done_by',
  'task_evidence_url',
  'task_on_time',
  'task_delivered_by',
  'finding_id',
  'finding_rule',
  'finding_message',
  'finding_detected_at',
  'finding_acknowledged_at',
  'finding_acknowledged_by',
  'chain_position',
  'chain_seal',
  'chain_signature',
  'chain_signed_at',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Record_ = Partial<Record<Column, CsvValue>>;

const HOUR_MS = 3_600_000;

/** Hours from opening to backfill, to a tenth; null while open. */
function hoursToBackfill(e: EvidenceException): number | null {
  if (!e.backfilledAt) return null;
  const ms = Date.parse(e.backfilledAt) - Date.parse(e.openedAt);
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

function taskOnTime(task: BackfillTask): boolean | null {
  if (!task.doneAt || !task.dueAt) return null;
  return Date.parse(task.doneAt) <= Date.parse(task.dueAt);
}

/** The sender's URLs of an exception's keys, space-separated, as `changes` is. */
function senderUrls(urls: SenderUrls = {}): string | null {
  const { changes = {}, ...others } = urls;
  const all = [...Object.values(others), ...Object.values(changes)];
  return all.length > 0 ? all.join(' ') : null;
}

const cells = (values: Record_) => CSV_COLUMNS.map(c => values[c] ?? null);

/** An exception's row and one row per task, for the CSV. */
export function exceptionCsvRows(
  e: EvidenceException,
  owner: string,
): CsvValue[][] {
  const common: Record_ = {
    exception_id: e.id,
    kind: e.kind,
    entity_ref: e.entityRef,
    owner,
  };
  return [
    cells({
      ...common,
      record: 'exception',
      name: e.name,
      reason: e.reason,
      opened_at: e.openedAt,
      opened_by: e.openedBy,
      incident: e.links.incident,
      changes: e.links.changes?.join(' '),
      flag: e.links.flag,
      story: e.links.story,
      deployment: e.links.deployment,
      sender_urls: senderUrls(e.links.urls),
      deadline: e.deadline,
      status: e.status,
      backfilled_at: e.backfilledAt,
      on_time: e.backfilledOnTime,
      hours_to_backfill: hoursToBackfill(e),
    }),
    ...e.tasks.map(t => {
      const by = e.closedBy.get(t.key);
      return cells({
        ...common,
        record: 'task',
        task_key: t.key,
        task_title: t.title,
        task_role: t.role,
        task_due_at: t.dueAt,
        task_done_at: t.doneAt,
        task_done_by: t.doneBy,
        task_evidence_url: t.evidenceUrl,
        task_on_time: taskOnTime(t),
        task_delivered_by: by ? describeProvenance(by) : null,
      });
    }),
  ];
}

export function findingCsvRow(f: Finding, owner: string): CsvValue[] {
  return cells({
    record: 'finding',
    exception_id: f.exceptionId,
    entity_ref: f.entityRef,
    owner,
    finding_id: f.id,
    finding_rule: f.rule,
    finding_message: f.message,
    finding_detected_at: f.detectedAt,
    finding_acknowledged_at: f.acknowledgedAt,
    finding_acknowledged_by: f.acknowledgedBy,
  });
}

/** An exception as the JSON export nests it. */
export function exceptionJson(e: EvidenceException, owner: string) {
  const { closedBy, tasks, ...exception } = e;
  return {
    ...exception,
    owner,
    hoursToBackfill: hoursToBackfill(e),
    tasks: tasks.map(t => ({
      ...t,
      onTime: taskOnTime(t),
      deliveredBy: (closedBy.get(t.key) ?? null) as EventProvenance | null,
    })),
  };
}

export function findingJson(f: Finding, owner: string) {
  return { ...f, owner };
}

/** A signed head of the ledger's chain, for `process-exceptions verify --against`. */
export function chainHeadCsvRow(h: ChainHead): CsvValue[] {
  return cells({
    record: 'chain-head',
    chain_position: h.position,
    chain_seal: h.seal,
    chain_signature: h.signature,
    chain_signed_at: h.signedAt,
  });
}
