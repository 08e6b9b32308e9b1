'use strict';

// The baseline: the least a service can do to accept the same events. A bare
// express handler that stores each event as the plugin's ledger row (same
// columns, same unique key and indexes, same duplicate handling) with knex,
// in one statement per request, and answers per event. No validation, auth,
// rules or logging. Argument: JSON { db, target, port }.

const express = require('express');
const knexFactory = require('knex');

async function createTable(knex) {
  await knex.schema.dropTableIfExists('bench_events');
  await knex.schema.createTable('bench_events', table => {
    table.bigIncrements('seq').primary();
    table.string('source', 32).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('type', 64).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('subject', 255).nullable();
    table.string('actor', 255).nullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.text('data').notNullable();
    table.text('payload').notNullable();
    table.unique(['source', 'external_id'], { indexName: 'bench_events_uniq' });
    table.index(['entity_ref', 'occurred_at'], 'bench_events_entity_time_idx');
    table.index(['subject'], 'bench_events_subject_idx');
  });
}

async function main() {
  const { db, target, port } = JSON.parse(process.argv[2]);
  const knex = knexFactory(
    db === 'pg'
      ? { client: 'pg', connection: target }
      : {
          client: 'better-sqlite3',
          connection: { filename: target },
          useNullAsDefault: true,
        },
  );
  await createTable(knex);

  const app = express();
  app.use(express.json({ limit: 1024 * 1024 }));
  app.get('/health', (_req, res) => res.json({ status: 'ok' }));
  app.post('/events', async (req, res, next) => {
    try {
      const events = Array.isArray(req.body.events)
        ? req.body.events
        : [req.body];
      const receivedAt = new Date();
      const rows = await knex('bench_events')
        .insert(
          events.map(e => ({
            source: 'api',
            external_id: e.id,
            type: e.type,
            entity_ref: e.entityRef ?? null,
            subject: e.entityRef ?? null,
            actor: e.actor ?? null,
            occurred_at: new Date(e.occurredAt),
            received_at: receivedAt,
            data: JSON.stringify(e.data),
            payload: JSON.stringify(e),
          })),
        )
        .onConflict(['source', 'external_id'])
        .ignore()
        .returning(['seq', 'external_id']);
      const recorded = new Set(rows.map(r => r.external_id));
      res.status(rows.length > 0 ? 201 : 200).json({
        results: events.map(e => ({
          id: e.id,
          status: recorded.has(e.id) ? 'recorded' : 'duplicate',
        })),
      });
    } catch (error) {
      next(error);
    }
  });
  app.listen(port, '127.0.0.1');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
