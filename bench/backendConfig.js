'use strict';

const fs = require('node:fs');
const path = require('node:path');
const settings = require('./settings');

/**
 * Writes the bench backend's config (JSON is YAML) into `dir`: loopback
 * only, the static token for the load generator (and for the bench's wait
 * on the catalog, granted the rebuilds it starts), the catalog reading
 * `catalogFile`, the scorecard computed on every request, and the plugin's
 * maintenance task scheduled a day out, so it never sweeps or remaps during
 * the measurements (the bench triggers the sweep it times).
 */
function writeBackendConfig({ dir, port, database, name, catalogFile }) {
  const config = {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: settings.token, subject: 'bench' },
            accessRestrictions: [
              { plugin: 'process-exceptions' },
              { plugin: 'catalog' },
            ],
          },
        ],
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group'] }],
      locations: [{ type: 'file', target: catalogFile }],
    },
    processExceptions: {
      // Every scorecard request computes it: the figure is the query's cost,
      // not the 30-second reuse a default backend adds.
      scorecard: { cacheSeconds: 0 },
      // The bench loads its dataset through POST /v1/admin/rebuilds.
      servicePermissions: [
        { subject: 'bench', permissions: ['process-exceptions.rebuild'] },
      ],
      // Runs once at start (on an empty ledger), then only when the bench
      // triggers it: a worker sleeps through its initial delay, triggers
      // included.
      schedule: {
        frequency: { hours: 24 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 1 },
      },
    },
  };
  const file = path.join(dir, `app-config.${name}.yaml`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

module.exports = { writeBackendConfig };
