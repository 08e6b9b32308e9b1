import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  exceptionNotification,
  findingNotification,
} from './buildNotification';
import { NotificationLog, Transition } from './NotificationLog';
import { NotificationSettings } from './readNotificationSettings';
import { MaintenanceFailures } from '../maintenance/MaintenanceFailures';

const BATCH = 200;

/**
 * Tells each owning entity about new exceptions, approaching deadlines,
 * overdue backfills and findings — once per transition: the claim in the
 * log is taken before sending, so a second sweep or replica skips it.
 */
export async function notifyTransitions(options: {
  log: NotificationLog;
  notifications: NotificationService;
  settings: NotificationSettings;
  logger: LoggerService;
  now: Date;
  /** Where a failed send waits out its backoff. */
  failures?: MaintenanceFailures;
}): Promise<number> {
  const { log, notifications, settings, logger, now, failures } = options;
  const waiting = (await failures?.waiting('notification', now)) ?? new Set();
  let sent = 0;
  const announce = async (
    subjectId: string,
    transition: Transition,
    entityRef: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) => {
    const target = `${subjectId}/${transition}`;
    if (waiting.has(target)) return;
    if (!(await log.claim(subjectId, transition, now))) return;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef },
        payload,
      });
      sent += 1;
      await failures?.succeeded('notification', target);
    } catch (error) {
      await log.release(subjectId, transition);
      await failures?.failed('notification', target, error, now);
      logger.warn(
        `Could not notify ${entityRef} of ${transition} ${subjectId}: ${error}`,
      );
    }
  };

  for (const transition of ['opened', 'due-soon', 'overdue'] as const) {
    if (!settings[transition]) continue;
    const pending = await log.pendingExceptions(transition, {
      now,
      dueSoonHours: settings.dueSoonHours,
      lookbackHours: settings.lookbackHours,
      limit: BATCH,
    });
    for (const exception of pending) {
      await announce(
        exception.id,
        transition,
        exception.entityRef,
        exceptionNotification(transition, exception),
      );
    }
  }
  if (settings.findings) {
    const pending = await log.pendingFindings({
      now,
      lookbackHours: settings.lookbackHours,
      limit: BATCH,
    });
    for (const finding of pending) {
      await announce(
        finding.id,
        'finding',
        finding.entityRef,
        findingNotification(finding),
      );
    }
  }
  return sent;
}
