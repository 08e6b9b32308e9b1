import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
import request from 'supertest';
import { processExceptionsPlugin } from '../plugin';
import { watchResponses } from './responseContract';

const component = (
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

/** Starts the plugin on a fresh database of the given kind. */
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
  // typed as node's server: backend-test-utils brings its own backend-defaults
  const { server }: { server: Server } = await startTestBackend({
    features: [
      processExceptionsPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: testEntities }),
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
