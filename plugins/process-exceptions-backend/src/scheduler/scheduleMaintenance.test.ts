import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ExceptionStore } from '../database/ExceptionStore';
import { InboxApplier } from '../inbox/InboxApplier';
import { Ingestor } from '../ingest/Ingestor';
import { scheduleMaintenance } from './scheduleMaintenance';

describe('the maintenance task', () => {
  it('runs every step even when one fails, and logs which', async () => {
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
      store: {
        markOverdue: async () => {
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
    expect(done).toEqual(['remap', 'notify']);
    expect(logger.error.mock.calls.map(c => c[0])).toEqual([
      "Maintenance step 'overdue sweep' failed: Error: connection reset",
      "Maintenance step 'inbox retries' failed: Error: inbox unreadable",
    ]);
    expect(logger.info).toHaveBeenCalledWith('Sent 2 notifications');
  });
});
