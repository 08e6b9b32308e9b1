import { SchedulerService } from '@backstage/backend-plugin-api';
import { RebuildRunner } from './RebuildRunner';

/**
 * A cluster-wide task that opens the policy job when the policy revision was
 * raised and resumes jobs whose worker stopped. The work itself runs beside
 * the task, guarded by the job's lease.
 */
export async function scheduleRebuilds(options: {
  scheduler: SchedulerService;
  runner: RebuildRunner;
}) {
  const { scheduler, runner } = options;
  await scheduler.scheduleTask({
    id: 'process-exceptions-rebuild',
    scope: 'global',
    frequency: { seconds: 30 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 5 },
    fn: async () => {
      await runner.checkPolicy();
      void runner.wake();
    },
  });
}
