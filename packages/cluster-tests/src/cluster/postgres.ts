import knexFactory, { Knex } from 'knex';

/** The variable scripts/test.sh sets after starting a throw-away PostgreSQL 15. */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The PostgreSQL server the cluster tests create their databases on. Fails
 * loudly when it is missing: these tests are never skipped.
 */
export function postgresFromEnv(): string {
  const connection = process.env[POSTGRES_ENV];
  if (!connection) {
    throw new Error(
      `${POSTGRES_ENV} is not set. The cluster tests need a PostgreSQL server they may create databases on; ` +
        'run them with `bash scripts/test.sh`, which starts a throw-away one, or start one with ' +
        '`bash scripts/postgres.sh start DIR PORT` and export the connection string it prints.',
    );
  }
  return connection;
}

/** A short prefix no other run uses, for Backstage's per-plugin databases. */
export function uniquePrefix(label: string): string {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`;
  return `ct_${stamp}_${label}_`;
}

/** A client on one database of the server. */
export function databaseClient(connection: string, database: string): Knex {
  const url = new URL(connection);
  url.pathname = `/${encodeURIComponent(database)}`;
  return knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 4 },
  });
}

/** Drops every database whose name starts with `prefix` (the plugins' databases of one cluster). */
export async function dropDatabases(
  connection: string,
  prefix: string,
): Promise<void> {
  const admin = databaseClient(connection, 'postgres');
  try {
    const rows = await admin('pg_database')
      .where('datname', 'like', `${prefix.replace(/_/g, '\\_')}%`)
      .select('datname');
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}
