'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Teams owning the generated services: svc-N belongs to team-(N mod 50). */
const TEAMS = 50;

/**
 * Writes the catalog file the bench backend's catalog reads: `count`
 * services `component:default/svc-N` and the groups that own them, as one
 * multi-document YAML file (each document is JSON, which is YAML).
 */
function writeCatalogFile({ dir, count }) {
  const docs = [];
  for (let t = 0; t < TEAMS; t++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: { type: 'team', children: [] },
    });
  }
  for (let n = 0; n < count; n++) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${n}` },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${n % TEAMS}`,
      },
    });
  }
  const file = path.join(dir, 'catalog-entities.yaml');
  fs.writeFileSync(file, docs.map(d => `---\n${JSON.stringify(d)}\n`).join(''));
  return file;
}

/**
 * Waits until the catalog serves `count` components with their owners,
 * that is until its first processing of the file is done.
 */
async function waitForCatalog({ baseUrl, token, count, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  const url = `${baseUrl}/api/catalog/entities/by-query?filter=kind=component,relations.ownedBy&limit=1`;
  let seen = 0;
  while (Date.now() < deadline) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.ok) {
      seen = (await res.json()).totalItems;
      if (seen >= count) return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `the catalog holds ${seen} of ${count} services after ${timeoutMs / 1000}s`,
  );
}

module.exports = { writeCatalogFile, waitForCatalog };
