import { Config } from '@backstage/config';

export interface NotificationSettings {
  opened: boolean;
  'due-soon': boolean;
  overdue: boolean;
  findings: boolean;
  /** How long before the deadline the reminder goes out. */
  dueSoonHours: number;
  /** How far back a first sweep announces; older history stays quiet. */
  lookbackHours: number;
}

/** Reads `processExceptions.notifications`; every kind is on by default. */
export function readNotificationSettings(config: Config): NotificationSettings {
  const c = config.getOptionalConfig('processExceptions.notifications');
  const on = (key: string) => c?.getOptionalBoolean(`${key}.enabled`) ?? true;
  return {
    opened: on('opened'),
    'due-soon': on('dueSoon'),
    overdue: on('overdue'),
    findings: on('findings'),
    dueSoonHours: c?.getOptionalNumber('dueSoon.hoursBefore') ?? 4,
    lookbackHours: c?.getOptionalNumber('lookbackHours') ?? 72,
  };
}
