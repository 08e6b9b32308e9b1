import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { Ingestor } from '../ingest/Ingestor';
import { DEFAULT_POLICY } from '../policy/Policy';
import { policyVersion } from '../policy/PolicyVersion';
import { DatabaseNotificationLog } from './DatabaseNotificationLog';
import { notifyTransitions } from './notifyTransitions';
import { readNotificationSettings } from './readNotificationSettings';
import { PIPELINE } from '../__testUtils__/provenance';

const databases = createTestDatabases();
const HOUR = 3600_000;

describe.each(databases.eachSupportedId())(
  'notifyTransitions on %p',
  databaseId => {
    async function setup(config: object = {}) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const store = await DatabaseExceptionStore.create({ database });
      const ingestor = new Ingestor({
        store,
        resolver: { resolve: async s => new Map(s.map(x => [x, x])) },
        policy: DEFAULT_POLICY,
        logger: mockServices.logger.mock(),
      });
      const log = await DatabaseNotificationLog.create({ database, store });
      // The notifications backend is another plugin's boundary: a recording fake.
      const sent: Array<Parameters<NotificationService['send']>[0]> = [];
      const notifications: NotificationService = {
        send: async options => {
          sent.push(options);
        },
      };
      const sweep = (now: Date) =>
        notifyTransitions({
          log,
          notifications,
          settings: readNotificationSettings(new ConfigReader(config)),
          logger: mockServices.logger.mock(),
          now,
        });
      return { store, ingestor, sweep, sent };
    }

    const hotfix = (id: string, at: Date) => ({
      externalId: id,
      type: 'deployment.finished',
      occurredAt: at,
      subject: 'component:default/payments',
      actor: null,
      data: {
        deploymentId: id,
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
        changeIds: ['pr-1'],
      },
      payload: {},
    });

    it('announces each transition once, to the owning entity, under one scope per exception', async () => {
      const { store, ingestor, sweep, sent } = await setup();
      const now = Date.now();
      await ingestor.ingest(
        'api',
        [hotfix('d-1', new Date(now - 21 * HOUR))],
        PIPELINE,
      ); // due in 3 h

      expect(await sweep(new Date(now))).toBe(3); // opened, due soon, and the finding (no approvals)
      expect(await sweep(new Date(now))).toBe(0); // a second sweep sends nothing again
      const [exception] = (await store.listExceptions({ limit: 1 })).items;
      expect(sent.map(s => s.payload.title)).toEqual([
        `Exception recorded: ${exception.name}`,
        `Backfill due soon: ${exception.name}`,
        'Unrecorded break of the delivery chain (abbreviated-review-below-minimum)',
      ]);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: 'component:default/payments',
      });
      expect(sent[0].payload.scope).toBe(sent[1].payload.scope);
      expect(sent[0].payload.link).toBe(
        `/catalog/default/component/payments/exceptions?exception=${exception.id}`,
      );

      // Four hours on, the deadline has passed.
      const later = new Date(now + 4 * HOUR);
      await store.markOverdue(later);
      expect(await sweep(later)).toBe(1);
      expect(sent[3].payload).toEqual(
        expect.objectContaining({
          title: `Backfill overdue: ${exception.name}`,
          severity: 'critical',
          scope: sent[0].payload.scope,
        }),
      );
      expect(await sweep(later)).toBe(0);
    });

    it('sends nothing for kinds switched off in config, and sends once from two concurrent sweeps', async () => {
      const { ingestor, sweep, sent } = await setup({
        processExceptions: {
          notifications: {
            findings: { enabled: false },
            dueSoon: { enabled: false },
          },
        },
      });
      await ingestor.ingest(
        'api',
        [hotfix('d-2', new Date(Date.now() - HOUR))],
        PIPELINE,
      );
      const counts = await Promise.all([sweep(new Date()), sweep(new Date())]);
      expect(counts[0] + counts[1]).toBe(1);
      expect(sent.map(s => s.payload.title)).toEqual([
        expect.stringMatching(/^Exception recorded/),
      ]);
    });

    it('announces nothing again after a rebuild with a raised policy revision', async () => {
      const { store, ingestor, sweep } = await setup();
      const now = Date.now();
      await ingestor.ingest(
        'api',
        [hotfix('d-1', new Date(now - 21 * HOUR))],
        PIPELINE,
      );
      expect(await sweep(new Date(now))).toBe(3);

      const policy = {
        ...DEFAULT_POLICY,
        hotfix: { ...DEFAULT_POLICY.hotfix, backfillHours: 22 },
      };
      const rebuilt = new Ingestor({
        store,
        resolver: { resolve: async s => new Map(s.map(x => [x, x])) },
        policy,
        version: policyVersion(policy, 1),
        logger: mockServices.logger.mock(),
      });
      await expect(
        rebuilt.rebuildService('component:default/payments', 'below'),
      ).resolves.toEqual({ outcome: 'rebuilt', events: 1 });
      // Rewritten with a new deadline, under the same ids: nothing is new.
      const [exception] = (await store.listExceptions({ limit: 1 })).items;
      expect(exception.deadline).toBe(new Date(now + HOUR).toISOString());
      expect(await sweep(new Date(now))).toBe(0);
    });
  },
);
