import { ExceptionLinks } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { DerivedException, DerivedFinding, DerivedTask } from '../rules/types';

// Field by field, so that telling an unchanged exception from a changed one
// costs a fraction of serialising and hashing it. Every field of the types
// must be compared here (sameDerived.test.ts checks each one).

function sameTime(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameLinks(a: ExceptionLinks, b: ExceptionLinks): boolean {
  // A key set to undefined serialises as a missing one.
  let keysOfA = 0;
  for (const key of Object.keys(a) as Array<keyof ExceptionLinks>) {
    const x = a[key];
    const y = b[key];
    if (x === undefined) {
      if (y !== undefined) return false;
      continue;
    }
    keysOfA += 1;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (!sameList(x, y)) return false;
    } else if (x !== y) return false;
  }
  let keysOfB = 0;
  for (const value of Object.values(b)) if (value !== undefined) keysOfB += 1;
  return keysOfA === keysOfB;
}

function sameTask(a: DerivedTask, b: DerivedTask): boolean {
  return (
    a.key === b.key &&
    a.title === b.title &&
    a.role === b.role &&
    sameTime(a.dueAt, b.dueAt) &&
    sameTime(a.doneAt, b.doneAt) &&
    a.doneBy === b.doneBy &&
    a.evidenceUrl === b.evidenceUrl
  );
}

export function sameException(a: DerivedException, b: DerivedException) {
  return (
    a.naturalKey === b.naturalKey &&
    a.entityRef === b.entityRef &&
    a.kind === b.kind &&
    a.name === b.name &&
    a.reason === b.reason &&
    sameLinks(a.links, b.links) &&
    a.openedBy === b.openedBy &&
    sameTime(a.openedAt, b.openedAt) &&
    sameTime(a.deadline, b.deadline) &&
    a.status === b.status &&
    sameTime(a.backfilledAt, b.backfilledAt) &&
    a.backfilledOnTime === b.backfilledOnTime &&
    a.tasks.length === b.tasks.length &&
    a.tasks.every((task, i) => sameTask(task, b.tasks[i])) &&
    sameList(a.eventSeqs, b.eventSeqs)
  );
}

export function sameFinding(a: DerivedFinding, b: DerivedFinding) {
  return (
    a.naturalKey === b.naturalKey &&
    a.rule === b.rule &&
    a.entityRef === b.entityRef &&
    a.message === b.message &&
    sameList(a.eventSeqs, b.eventSeqs) &&
    sameTime(a.detectedAt, b.detectedAt) &&
    sameTime(a.acknowledgedAt, b.acknowledgedAt) &&
    a.acknowledgedBy === b.acknowledgedBy &&
    a.exceptionKey === b.exceptionKey
  );
}
