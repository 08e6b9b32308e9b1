import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ExceptionStore } from '../database/ExceptionStore';
import { InboxApplier } from '../inbox/InboxApplier';
import { Ingestor } from '../ingest/Ingestor';
import { MaintenanceFailures } from '../maintenance/MaintenanceFailures';
import { LedgerSeals } from '../seals/LedgerSeals';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * One cluster-wide task: marks exceptions overdue when their deadline passes,
 * retries the inbox's deliveries that are due, applies unmapped events once
 * the catalog can resolve them, notifies owners of what changed and seals
 * the ledger events committed since the last run. A step
 * that fails is logged, the next still runs, and it waits out a backoff in
 * `failures` (as do a failing subject and notification) before its retry.
 */
export async function scheduleMaintenance(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  store: ExceptionStore;
  ingestor: Ingestor;
  applier: InboxApplier;
  failures: MaintenanceFailures;
  /** Seals what committed since the last run; absent without a key. */
  seals?: LedgerSeals;
  /** Announces transitions; returns how many notifications went out. */
  notify: (now: Date) => Promise<number>;
}) {
  const { config, scheduler, store, ingestor, failures } = options;
  const schedule = config.has('processExceptions.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('processExceptions.schedule'),
      )
    : DEFAULT_SCHEDULE;
  const taskId = 'process-exceptions-maintenance';
  await scheduler.scheduleTask({
    id: taskId,
    // global: one replica runs it at a time, cluster-wide
    scope: 'global',
    ...schedule,
    fn: async () => {
      const logger = options.logger.child({ taskId });
      const now = new Date();
      const steps: Array<[string, () => Promise<string | undefined>]> = [
        [
          'overdue sweep',
          async () => {
            const start = Date.now();
            const overdue = await store.markOverdue(now);
            const ms = Date.now() - start;
            return overdue > 0
              ? `Marked ${overdue} exceptions overdue in ${ms} ms`
              : undefined;
          },
        ],
        [
          'inbox retries',
          async () => {
            const applied = await options.applier.retryDue(now);
            return applied > 0
              ? `Applied ${applied} events-system deliveries on retry`
              : undefined;
          },
        ],
        [
          'unmapped events',
          async () => {
            await ingestor.remapUnmapped({ failures, now });
            return undefined;
          },
        ],
        [
          'notifications',
          async () => {
            const sent = await options.notify(now);
            return sent > 0 ? `Sent ${sent} notifications` : undefined;
          },
        ],
      ];
      const { seals } = options;
      if (seals) {
        steps.push([
          'ledger seals',
          async () => {
            const sealed = await seals.sealPending(now);
            return sealed > 0 ? `Sealed ${sealed} ledger events` : undefined;
          },
        ]);
      }
      // Without the table (a database outage), every step is tried.
      const waiting = await failures
        .waiting('step', now)
        .catch(() => new Set<string>());
      for (const [name, step] of steps) {
        if (waiting.has(name)) continue;
        try {
          const done = await step();
          if (done) logger.info(done);
          await failures.succeeded('step', name);
        } catch (error) {
          const retry = await failures
            .failed('step', name, error, now)
            .then(f => `at ${f.nextAttemptAt.toISOString()}`)
            .catch(() => 'on the next run');
          logger.error(
            `Maintenance step '${name}' failed, retrying ${retry}: ${error}`,
          );
        }
      }
    },
  });
}
