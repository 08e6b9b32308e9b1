import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../cluster/paths';

/** A service of the example catalog and its owning team. */
export interface ExampleService {
  entityRef: string;
  owner: string;
}

/**
 * The components of `examples/entities.yaml`, the catalog the demo backend
 * loads, so the streams name services the real catalog resolves.
 */
export function exampleServices(
  file = path.join(REPO_ROOT, 'examples/entities.yaml'),
): ExampleService[] {
  const services: ExampleService[] = [];
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const entity = doc.toJS() as {
      kind?: string;
      metadata?: { name?: string; namespace?: string };
      spec?: { owner?: string };
    } | null;
    if (entity?.kind !== 'Component' || !entity.metadata?.name) continue;
    services.push({
      entityRef: `component:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`,
      owner: entity.spec?.owner ?? 'unknown',
    });
  }
  if (services.length === 0) {
    throw new Error(`No components in ${file}`);
  }
  return services;
}
