import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { ExceptionStore } from '../database/ExceptionStore';
import { InboxApplier } from '../inbox/InboxApplier';
import { Ingestor } from '../ingest/Ingestor';
import { DatabaseMaintenanceFailures } from '../maintenance/DatabaseMaintenanceFailures';
import { scheduleMaintenance } from './scheduleMaintenance';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the maintenance task on %p',
  databaseId => {
    it('runs every step even when one fails, logs which, and leaves the failed one to its backoff', async () => {
      const knex = await databases.init(databaseId);
      // Creates the tables.
      await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      const failures = new DatabaseMaintenanceFailures(knex);
      let run: SchedulerServiceTaskInvocationDefinition['fn'] | undefined;
      const scheduler = {
        scheduleTask: async (task: { fn: typeof run }) => {
          run = task.fn;
        },
      } as unknown as SchedulerService;
      const logger = mockServices.logger.mock();
      logger.child.mockReturnValue(logger);
      const done: string[] = [];
      await scheduleMaintenance({
        config: mockServices.rootConfig({ data: {} }),
        scheduler,
        logger,
        failures,
        store: {
          markOverdue: async () => {
            done.push('sweep');
            throw new Error('connection reset');
          },
        } as unknown as ExceptionStore,
        ingestor: {
          remapUnmapped: async () => {
            done.push('remap');
            return 0;
          },
        } as unknown as Ingestor,
        applier: {
          retryDue: async () => {
            throw new Error('inbox unreadable');
          },
        } as unknown as InboxApplier,
        notify: async () => {
          done.push('notify');
          return 2;
        },
      });
      await run!(new AbortController().signal as any);
      expect(done).toEqual(['sweep', 'remap', 'notify']);
      expect(logger.error.mock.calls.map(c => c[0])).toEqual([
        expect.stringMatching(
          /^Maintenance step 'overdue sweep' failed, retrying at .*Z: Error: connection reset$/,
        ),
        expect.stringMatching(
          /^Maintenance step 'inbox retries' failed, retrying at .*Z: Error: inbox unreadable$/,
        ),
      ]);
      expect(logger.info).toHaveBeenCalledWith('Sent 2 notifications');
      const listed = await failures.list(10);
      expect(
        listed.map(f => [f.kind, f.target, f.attempts, f.lastError]),
      ).toEqual(
        [
          ['step', 'inbox retries', 1, 'Error: inbox unreadable'],
          ['step', 'overdue sweep', 1, 'Error: connection reset'],
        ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      );
      const wait =
        listed[0].nextAttemptAt.getTime() - listed[0].lastFailedAt.getTime();
      expect(wait).toBe(10_000);

      // The next run, within the backoff: the failed steps wait.
      done.length = 0;
      await run!(new AbortController().signal as any);
      expect(done).toEqual(['remap', 'notify']);
    });
  },
);
