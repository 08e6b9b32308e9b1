import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogEntityResolver } from './EntityResolver';

const MINUTE = 60_000;

function component(name: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: slug ? { 'github.com/project-slug': slug } : {},
    },
    spec: { owner: 'team-a' },
  };
}

describe('CatalogEntityResolver', () => {
  let entities: Entity[];
  let now: number;
  let catalog: ReturnType<typeof catalogServiceMock.mock>;
  let resolver: CatalogEntityResolver;

  beforeEach(() => {
    entities = [component('payments-api', 'acme/payments')];
    now = 0;
    const byRef = () =>
      new Map(entities.map(e => [`component:default/${e.metadata.name}`, e]));
    catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
        items: entityRefs.map(ref => byRef().get(ref)),
      })),
      getEntities: jest.fn(async () => ({ items: entities })),
    });
    resolver = new CatalogEntityResolver(
      catalog,
      mockServices.auth(),
      5 * MINUTE,
      new Map(),
      () => now,
    );
  });

  const resolve = async (...subjects: string[]) =>
    Object.fromEntries(await resolver.resolve(subjects));

  it('maps entity refs and annotation subjects to the entities they name', async () => {
    expect(
      await resolve('Component:payments-api', 'github:acme/payments', 'nope'),
    ).toEqual({
      'Component:payments-api': 'component:default/payments-api',
      'github:acme/payments': 'component:default/payments-api',
    });
  });

  it("maps a repository's named entity only while the entity's slug is that repository", async () => {
    entities = [
      component('payments-api', 'acme/payments'),
      component('ledger', 'acme/ledger'),
    ];
    expect(
      await resolve(
        'github:ACME/payments#component:payments-api',
        'github:acme/payments#component:default/ledger',
        'github:acme/payments#component:default/not-yet',
      ),
    ).toEqual({
      'github:ACME/payments#component:payments-api':
        'component:default/payments-api',
    });
  });

  it('keeps what it found until the entry is stale, then asks again', async () => {
    await resolve('component:default/payments-api');
    entities = [];
    now += 4 * MINUTE;
    expect(await resolve('component:default/payments-api')).toEqual({
      'component:default/payments-api': 'component:default/payments-api',
    });
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    now += 2 * MINUTE;
    expect(await resolve('component:default/payments-api')).toEqual({});
  });

  it('asks again for a subject it did not find, so a new entity maps at once', async () => {
    expect(await resolve('component:default/checkout')).toEqual({});
    entities.push(component('checkout'));
    expect(await resolve('component:default/checkout')).toEqual({
      'component:default/checkout': 'component:default/checkout',
    });
  });

  it('asks the catalog every time with a cache of 0 seconds', async () => {
    resolver = new CatalogEntityResolver(catalog, mockServices.auth(), 0);
    await resolve('component:default/payments-api');
    await resolve('component:default/payments-api');
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });
});
