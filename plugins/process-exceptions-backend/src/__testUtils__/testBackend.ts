import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { processExceptionsPlugin } from '../plugin';
import { watchResponses } from './responseContract';

export const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

/** The catalog every API test sees. */
export const testEntities: Entity[] = [
  component('payments', 'payments-team'),
  component('ledger', 'payments-team'),
  component('checkout', 'checkout-team', {
    'launchdarkly.com/project-key': 'payments',
    'process-exceptions.io/flag-keys': 'old-banner, new-checkout',
  }),
  component('hello-world', 'checkout-team', {
    'github.com/project-slug': 'Codertocat/Hello-World',
  }),
];

export const BASE = '/api/process-exceptions';
const MAINTENANCE_TASK = 'process-exceptions-maintenance';

/** The subject of the tests' pipeline token (`post`). */
export const PIPELINE_SUBJECT = 'external:test-service';

/**
 * Config for tests that replay a history through the pipeline token: its
 * times count as sent, as a history import's would.
 */
export const TRUSTED_PIPELINE_CLOCK = {
  processExceptions: {
    policies: { attestation: { trustedClocks: [PIPELINE_SUBJECT] } },
  },
};

/** A catalog that answers from `entities` as they are when asked. */
function growingCatalog(entities: Entity[]) {
  const now = () =>
    catalogServiceMock({ entities }) as unknown as Record<string, unknown>;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      new Proxy({} as CatalogService, {
        get: (_target, name: string) =>
          typeof now()[name] === 'function'
            ? (...args: unknown[]) =>
                (now()[name] as (...a: unknown[]) => unknown)(...args)
            : undefined,
      }),
  });
}

/**
 * Starts the plugin on a fresh database of the given kind, with the
 * maintenance task run only by `runMaintenance` and notifications kept in
 * `notifications`.
 */
export async function startApi(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** app-config for the plugin, e.g. webhook secrets. */
    config?: object;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  const knex = await databases.init(databaseId);
  const entities = [...testEntities];
  // The mock scheduler is also a factory (typed as the service only).
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
  };
  const notifications: NotificationSendOptions[] = [];
  let notificationFault: Error | undefined;
  // typed as node's server: backend-test-utils brings its own backend-defaults
  const { server }: { server: Server } = await startTestBackend({
    features: [
      processExceptionsPlugin,
      mockServices.database.factory({ knex }),
      growingCatalog(entities),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (sent: NotificationSendOptions) => {
            if (notificationFault) throw notificationFault;
            notifications.push(sent);
          },
        }),
      }),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
      ...(options.config
        ? [mockServices.rootConfig.factory({ data: options.config })]
        : []),
      ...(options.features ?? []),
    ],
  });
  watchResponses(server);
  const service = mockCredentials.service.header();
  const user = mockCredentials.user.header('user:default/jane');
  return {
    server,
    knex,
    /** Adds an entity to the catalog, as registering it would. */
    register: (entity: Entity) => entities.push(entity),
    runMaintenance: () => scheduler.triggerTask(MAINTENANCE_TASK),
    notifications,
    /** Makes every notification fail with `fault` until called again without. */
    failNotifications: (fault?: Error) => {
      notificationFault = fault;
    },
    /** Posts a body to the ingestion API as a pipeline would. */
    post: (body: unknown) =>
      request(server)
        .post(`${BASE}/v1/events`)
        .set('Authorization', service)
        .send(body as object),
    get: (path: string) =>
      request(server).get(`${BASE}${path}`).set('Authorization', user),
    postAsUser: (path: string, body: object) =>
      request(server)
        .post(`${BASE}${path}`)
        .set('Authorization', user)
        .send(body),
    ledgerCount: async () =>
      Number((await knex('pe_events').count({ n: '*' }))[0].n),
  };
}

let counter = 0;
/** A v1 event envelope with a unique id, happening `minutesAgo` before now. */
export function event(
  type: string,
  data: object,
  options: {
    minutesAgo?: number;
    entity?: string;
    actor?: string;
    id?: string;
  } = {},
) {
  counter += 1;
  return {
    id: options.id ?? `evt-${process.pid}-${counter}`,
    type,
    occurredAt: new Date(
      Date.now() - (options.minutesAgo ?? 0) * 60_000,
    ).toISOString(),
    entityRef: `component:default/${options.entity ?? 'payments'}`,
    actor: options.actor ?? 'user:default/jane',
    data,
  };
}
