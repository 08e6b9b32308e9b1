import {
  BackfillTask,
  describeProvenance,
  EventProvenance,
  ChainHead,
  Finding,
  SenderUrls,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { EvidenceException } from '../database/derived/evidenceQueries';
import { csvCell, csvRow, CsvValue } from './csv';

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

/**
 * A record kind's cells by column, compiled once into a writer of its CSV
 * line: the other columns stay empty, their commas computed here rather
 * than per row (an export writes millions of cells, most of them empty).
 */
function csvLine<T>(
  cells: Partial<Record<Column, (item: T) => CsvValue>>,
): (item: T) => string {
  const filled = CSV_COLUMNS.flatMap((column, index) => {
    const get = cells[column];
    return get ? [{ index, get }] : [];
  });
  const separators = filled.map((f, k) =>
    ','.repeat(f.index - (k === 0 ? 0 : filled[k - 1].index)),
  );
  const last = filled[filled.length - 1].index;
  const tail = `${','.repeat(CSV_COLUMNS.length - 1 - last)}\r\n`;
  return item => {
    let line = '';
    for (let k = 0; k < filled.length; k++) {
      line += separators[k] + csvCell(filled[k].get(item));
    }
    return line + tail;
  };
}

type ExceptionItem = { e: EvidenceException; owner: string };
type TaskItem = ExceptionItem & { t: BackfillTask };

const exceptionLine = csvLine<ExceptionItem>({
  record: () => 'exception',
  exception_id: ({ e }) => e.id,
  kind: ({ e }) => e.kind,
  entity_ref: ({ e }) => e.entityRef,
  owner: ({ owner }) => owner,
  name: ({ e }) => e.name,
  reason: ({ e }) => e.reason,
  opened_at: ({ e }) => e.openedAt,
  opened_by: ({ e }) => e.openedBy,
  incident: ({ e }) => e.links.incident,
  changes: ({ e }) => e.links.changes?.join(' '),
  flag: ({ e }) => e.links.flag,
  story: ({ e }) => e.links.story,
  deployment: ({ e }) => e.links.deployment,
  sender_urls: ({ e }) => senderUrls(e.links.urls),
  deadline: ({ e }) => e.deadline,
  status: ({ e }) => e.status,
  backfilled_at: ({ e }) => e.backfilledAt,
  on_time: ({ e }) => e.backfilledOnTime,
  hours_to_backfill: ({ e }) => hoursToBackfill(e),
});

const taskLine = csvLine<TaskItem>({
  record: () => 'task',
  exception_id: ({ e }) => e.id,
  kind: ({ e }) => e.kind,
  entity_ref: ({ e }) => e.entityRef,
  owner: ({ owner }) => owner,
  task_key: ({ t }) => t.key,
  task_title: ({ t }) => t.title,
  task_role: ({ t }) => t.role,
  task_due_at: ({ t }) => t.dueAt,
  task_done_at: ({ t }) => t.doneAt,
  task_done_by: ({ t }) => t.doneBy,
  task_evidence_url: ({ t }) => t.evidenceUrl,
  task_on_time: ({ t }) => taskOnTime(t),
  task_delivered_by: ({ e, t }) => {
    const by = e.closedBy.get(t.key);
    return by ? describeProvenance(by) : null;
  },
});

const findingLine = csvLine<{ f: Finding; owner: string }>({
  record: () => 'finding',
  exception_id: ({ f }) => f.exceptionId,
  entity_ref: ({ f }) => f.entityRef,
  owner: ({ owner }) => owner,
  finding_id: ({ f }) => f.id,
  finding_rule: ({ f }) => f.rule,
  finding_message: ({ f }) => f.message,
  finding_detected_at: ({ f }) => f.detectedAt,
  finding_acknowledged_at: ({ f }) => f.acknowledgedAt,
  finding_acknowledged_by: ({ f }) => f.acknowledgedBy,
});

const chainHeadLine = csvLine<ChainHead>({
  record: () => 'chain-head',
  chain_position: h => h.position,
  chain_seal: h => h.seal,
  chain_signature: h => h.signature,
  chain_signed_at: h => h.signedAt,
});

/** The CSV's header line. */
export const csvHeader = (): string => csvRow([...CSV_COLUMNS]);

/** An exception's line and one line per task. */
export function exceptionCsv(e: EvidenceException, owner: string): string {
  let text = exceptionLine({ e, owner });
  for (const t of e.tasks) text += taskLine({ e, owner, t });
  return text;
}

export const findingCsv = (f: Finding, owner: string): string =>
  findingLine({ f, owner });

/** A signed head of the ledger's chain, for `process-exceptions verify --against`. */
export const chainHeadCsv = (h: ChainHead): string => chainHeadLine(h);

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
