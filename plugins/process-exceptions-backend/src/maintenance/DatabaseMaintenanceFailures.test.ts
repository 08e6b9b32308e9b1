import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DatabaseExceptionStore } from '../database/DatabaseExceptionStore';
import { DatabaseMaintenanceFailures } from './DatabaseMaintenanceFailures';

const databases = createTestDatabases();
const at = (s: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, s));

describe.each(databases.eachSupportedId())(
  'maintenance failures on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await DatabaseExceptionStore.create({
        database: mockServices.database({ knex }),
      });
      return new DatabaseMaintenanceFailures(knex);
    }

    it('backs a failing target off, doubling, and forgets it once it succeeds', async () => {
      const failures = await setup();
      const subject = `component:default/${'ü'.repeat(200)}`;
      const first = await failures.failed(
        'subject',
        subject,
        new Error('value too long'),
        at(0),
      );
      expect(first.nextAttemptAt).toEqual(at(10));
      expect(await failures.waiting('subject', at(5))).toEqual(
        new Set([subject]),
      );
      expect(await failures.waiting('subject', at(10))).toEqual(new Set());
      expect(await failures.waiting('notification', at(5))).toEqual(new Set());

      const second = await failures.failed(
        'subject',
        subject,
        'x'.repeat(5000),
        at(10),
      );
      expect(second).toEqual(
        expect.objectContaining({
          attempts: 2,
          firstFailedAt: at(0),
          nextAttemptAt: at(30),
          lastError: 'x'.repeat(2000),
        }),
      );
      expect(await failures.list(10)).toEqual([second]);

      await failures.succeeded('subject', subject);
      expect(await failures.list(10)).toEqual([]);
    });
  },
);
