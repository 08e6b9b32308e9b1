import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  GetEntitiesByRefsRequest,
  GetEntitiesByRefsResponse,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';

/** Teams owning the generated services: svc-N belongs to team-(N mod 50). */
export const BENCH_TEAMS = 50;

/** The services the load generator and the dataset loader name. */
export function benchEntities(count: number): Entity[] {
  return Array.from({ length: count }, (_, n) => {
    const owner = `group:default/team-${n % BENCH_TEAMS}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${n}`, namespace: 'default' },
      spec: { type: 'service', lifecycle: 'production', owner },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    };
  });
}

/**
 * An in-memory catalog, so the benchmark measures the plugin and not the
 * catalog's ingestion. Lookups by ref use one map built at start; the
 * in-memory client's own lookup rebuilds its map on every call, which would
 * add milliseconds the real catalog does not.
 */
class BenchCatalog extends InMemoryCatalogClient {
  private readonly byRef: Map<string, Entity>;

  constructor(entities: Entity[]) {
    super({ entities });
    this.byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  }

  async getEntitiesByRefs(
    request: GetEntitiesByRefsRequest,
  ): Promise<GetEntitiesByRefsResponse> {
    return { items: request.entityRefs.map(ref => this.byRef.get(ref)) };
  }
}

/** Replaces the catalog service with {@link BenchCatalog}; `bench.entities` services. */
export const benchCatalogServiceFactory = createServiceFactory({
  service: catalogServiceRef,
  deps: { config: coreServices.rootConfig },
  factory({ config }) {
    const count = config.getOptionalNumber('bench.entities') ?? 5000;
    return new BenchCatalog(benchEntities(count));
  },
});
