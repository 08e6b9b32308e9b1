import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogOwners, UNKNOWN_OWNER } from './CatalogOwners';

const MINUTE = 60_000;

function service(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { owner },
  };
}

describe('CatalogOwners', () => {
  let entities: Map<string, Entity>;
  let now: number;
  let owners: CatalogOwners;
  let catalog: ReturnType<typeof catalogServiceMock.mock>;

  beforeEach(() => {
    entities = new Map([
      ['component:default/a', service('a', 'team-a')],
      ['component:default/b', service('b', 'group:default/team-b')],
    ]);
    now = 0;
    catalog = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
        items: entityRefs.map(ref => entities.get(ref)),
      })),
    });
    owners = new CatalogOwners(
      catalog,
      mockServices.auth(),
      5 * MINUTE,
      () => now,
    );
  });

  const ownersOf = async (...refs: string[]) =>
    Object.fromEntries(await owners.ownersOf(refs));

  it('reads owners from the catalog, naming groups in full', async () => {
    expect(
      await ownersOf('component:default/a', 'component:default/b'),
    ).toEqual({
      'component:default/a': 'group:default/team-a',
      'component:default/b': 'group:default/team-b',
    });
  });

  it('shows an owner changed in the catalog once its entry is stale, not before', async () => {
    await ownersOf('component:default/a');
    entities.set('component:default/a', service('a', 'team-new'));
    now += 4 * MINUTE;
    expect(await ownersOf('component:default/a')).toEqual({
      'component:default/a': 'group:default/team-a',
    });
    now += 2 * MINUTE;
    expect(await ownersOf('component:default/a')).toEqual({
      'component:default/a': 'group:default/team-new',
    });
  });

  it('asks only for the refs it does not hold, in one request', async () => {
    await ownersOf('component:default/a');
    await ownersOf('component:default/a', 'component:default/b');
    expect(
      catalog.getEntitiesByRefs.mock.calls.map(([r]) => r.entityRefs),
    ).toEqual([['component:default/a'], ['component:default/b']]);
  });

  it('asks again for an entity the catalog did not know', async () => {
    expect(await ownersOf('component:default/c')).toEqual({
      'component:default/c': UNKNOWN_OWNER,
    });
    entities.set('component:default/c', service('c', 'team-c'));
    expect(await ownersOf('component:default/c')).toEqual({
      'component:default/c': 'group:default/team-c',
    });
  });
});
