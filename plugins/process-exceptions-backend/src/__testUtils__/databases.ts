import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Every database the plugin supports. PostgreSQL comes from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, which the project's
 * test script sets after starting a throw-away server.
 */
export function createTestDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}
