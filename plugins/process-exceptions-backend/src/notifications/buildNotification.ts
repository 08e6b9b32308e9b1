import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Transition } from './NotificationLog';

/** The entity page's Exceptions tab, relative to the app. */
export function exceptionsTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/exceptions`;
}

function owed(exception: ProcessException): string {
  const roles = [
    ...new Set(exception.tasks.filter(t => !t.doneAt).map(t => t.role)),
  ];
  return roles.length > 0 ? ` Still owed by: ${roles.join(', ')}.` : '';
}

/**
 * One stable scope per exception, so a reminder and the overdue notice update
 * the notification the owner already has instead of piling up.
 */
export function exceptionNotification(
  transition: Exclude<Transition, 'finding'>,
  exception: ProcessException,
): NotificationPayload {
  const base = {
    link: `${exceptionsTabLink(
      exception.entityRef,
    )}?exception=${encodeURIComponent(exception.id)}`,
    topic: 'process-exceptions',
    scope: `process-exceptions:exception:${exception.id}`,
  };
  switch (transition) {
    case 'opened':
      return {
        ...base,
        title: `Exception recorded: ${exception.name}`,
        description: `A ${exception.kind} exception was opened${
          exception.deadline ? `; backfill is due ${exception.deadline}` : ''
        }.${owed(exception)}`,
        severity: 'normal',
      };
    case 'due-soon':
      return {
        ...base,
        title: `Backfill due soon: ${exception.name}`,
        description: `The backfill is due ${exception.deadline}.${owed(
          exception,
        )}`,
        severity: 'high',
      };
    default:
      return {
        ...base,
        title: `Backfill overdue: ${exception.name}`,
        description: `The backfill was due ${exception.deadline}.${owed(
          exception,
        )}`,
        severity: 'critical',
      };
  }
}

export function findingNotification(finding: Finding): NotificationPayload {
  return {
    title: `Unrecorded break of the delivery chain (${finding.rule})`,
    description: `${finding.message} Record the missing exception to acknowledge it.`,
    link: exceptionsTabLink(finding.entityRef),
    topic: 'process-exceptions',
    scope: `process-exceptions:finding:${finding.id}`,
    severity: 'high',
  };
}
