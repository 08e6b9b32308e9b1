import {
  BackfillRole,
  ExceptionKind,
  ExceptionStatus,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

export const KIND_LABELS: Record<ExceptionKind, string> = {
  hotfix: 'P0 hotfix',
  'flag-disable': 'Emergency flag disable',
  'partial-readiness': 'Partial readiness',
};

export const STATUS_LABELS: Record<ExceptionStatus, string> = {
  open: 'Open',
  overdue: 'Overdue',
  backfilled: 'Backfilled',
};

export const ROLE_LABELS: Record<BackfillRole, string> = {
  reviewer: 'Reviewer',
  'product-owner': 'Product owner',
  qa: 'QA',
  designer: 'Designer',
  developer: 'Developer',
};

/** A label for a value the server sent, even one this version does not know. */
export function labelOf<K extends string>(
  labels: Record<K, string>,
  value: string,
): string {
  return (labels as Record<string, string>)[value] ?? value;
}
