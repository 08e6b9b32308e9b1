import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The tests run the real backend plugin (a dev dependency, never shipped).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import processExceptionsPlugin from '@process-exceptions/backstage-plugin-process-exceptions-backend';
import { AddressInfo } from 'net';

export const PAYMENTS = 'component:default/payments-api';
export const LEDGER = 'component:default/ledger';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

export const entities = [
  component('payments-api', 'payments-team'),
  component('ledger', 'ledger-team'),
];

/**
 * A catalog-style read policy: each user reads the entities listed for
 * them (a conditional decision the search backend settles per document);
 * services read everything.
 */
export function readPolicy(readers: Record<string, string[]>) {
  const userOf = (credentials: { principal: unknown }) =>
    (credentials.principal as { userEntityRef?: string }).userEntityRef;
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: (): PermissionsService => ({
      async authorize(requests, { credentials }) {
        const user = userOf(credentials);
        return requests.map(r => {
          const resourceRef = isResourcePermission(r.permission)
            ? (r as { resourceRef?: string }).resourceRef
            : undefined;
          const allowed =
            !user ||
            r.permission.name !== 'catalog.entity.read' ||
            (readers[user] ?? []).includes(resourceRef ?? '');
          return {
            result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          };
        }) as any;
      },
      async authorizeConditional(queries, { credentials }) {
        return queries.map(() =>
          userOf(credentials)
            ? {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: { anyOf: [] },
              }
            : { result: AuthorizeResult.ALLOW },
        ) as any;
      },
    }),
  });
}

/**
 * The real process-exceptions backend with `features`, and a history posted
 * through its API: the P0 incident INC-117 on payments-api with its hotfix,
 * and `ledgerHotfixes` labelled hotfixes on ledger (enough for a second
 * page of exceptions).
 */
export async function startSeededBackend(options: {
  knex: Awaited<ReturnType<TestDatabases['init']>>;
  features?: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  ledgerHotfixes?: number;
}) {
  const { server } = await startTestBackend({
    features: [
      processExceptionsPlugin,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities }),
      ...(options.features ?? []),
    ],
  });
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const minutesAgo = (m: number) =>
    new Date(Date.now() - m * 60_000).toISOString();
  const events = [
    {
      id: 'inc-117-open',
      type: 'incident.opened',
      occurredAt: minutesAgo(60),
      entityRef: PAYMENTS,
      data: {
        incidentId: 'INC-117',
        severity: 'P0',
        title: 'Refunds fail for EUR accounts',
      },
    },
    {
      id: 'd-5117',
      type: 'deployment.finished',
      occurredAt: minutesAgo(30),
      entityRef: PAYMENTS,
      data: {
        deploymentId: 'd-5117',
        environment: 'production',
        outcome: 'succeeded',
        changeIds: ['pr-2117', 'pr-2118'],
        incidentId: 'INC-117',
        reason:
          'Refunds for EUR accounts failed after the currency table migration',
      },
    },
    ...Array.from({ length: options.ledgerHotfixes ?? 0 }, (_, i) => ({
      id: `ledger-deploy-${i}`,
      type: 'deployment.finished',
      occurredAt: minutesAgo(120 + i),
      entityRef: LEDGER,
      data: {
        deploymentId: `ledger-deploy-${i}`,
        environment: 'production',
        outcome: 'succeeded',
        labels: ['hotfix'],
      },
    })),
  ];
  const res = await fetch(`${base}/api/process-exceptions/v1/events`, {
    method: 'POST',
    headers: {
      Authorization: mockCredentials.service.header(),
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ events }),
  });
  if (res.status !== 201) {
    throw new Error(`seeding answered ${res.status}: ${await res.text()}`);
  }
  return { base };
}
