import {
  LoggerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ExceptionStore } from '../database/ExceptionStore';
import { Ingestor } from '../ingest/Ingestor';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * One cluster-wide task: marks exceptions overdue when their deadline passes,
 * applies unmapped events once the catalog can resolve them, and notifies
 * owners of what changed.
 */
export async function scheduleMaintenance(options: {
  config: RootConfigService;
  scheduler: SchedulerService;
  logger: LoggerService;
  store: ExceptionStore;
  ingestor: Ingestor;
  /** Announces transitions; returns how many notifications went out. */
  notify: (now: Date) => Promise<number>;
}) {
  const { config, scheduler, store, ingestor } = options;
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
      const sweepStart = Date.now();
      const overdue = await store.markOverdue(now);
      if (overdue > 0) {
        const ms = Date.now() - sweepStart;
        logger.info(`Marked ${overdue} exceptions overdue in ${ms} ms`);
      }
      await ingestor.remapUnmapped();
      const sent = await options.notify(now);
      if (sent > 0) logger.info(`Sent ${sent} notifications`);
    },
  });
}
