import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { createTestDatabases } from '../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  '@process-exceptions/backstage-plugin-process-exceptions-backend',
  'migrations',
);
const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(f => f.endsWith('.js'))
  .sort();

const tables = [
  'pe_events',
  'pe_exceptions',
  'pe_exception_events',
  'pe_tasks',
  'pe_findings',
  'pe_notifications',
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('step up and down one at a time, leaving nothing behind', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: migrationsDir };

    for (let i = 0; i < migrationFiles.length; i++) {
      await knex.migrate.up(config);
    }
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }

    for (let i = 0; i < migrationFiles.length; i++) {
      await knex.migrate.down(config);
    }
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }

    await knex.migrate.latest(config);
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.destroy();
  });
});
