import { Entity } from '@backstage/catalog-model';
import {
  BackfillTask,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import {
  ProcessExceptionDetail,
  ProcessExceptionsApi,
} from '../api/ProcessExceptionsApi';

const HOUR = 3600 * 1000;
export const hoursFromNow = (hours: number) =>
  new Date(Date.now() + hours * HOUR).toISOString();

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};
export const entityRef = 'component:default/payments';

export function makeTask(overrides: Partial<BackfillTask> = {}): BackfillTask {
  return {
    key: 'full-review',
    title: 'Full review of the hotfix',
    role: 'reviewer',
    dueAt: hoursFromNow(5.5),
    doneAt: null,
    doneBy: null,
    evidenceUrl: null,
    ...overrides,
  };
}

export function makeException(
  overrides: Partial<ProcessException> = {},
): ProcessException {
  return {
    id: 'ex-1',
    entityRef,
    kind: 'hotfix',
    name: 'Hotfix for INC-42: card payments failing',
    reason: 'Checkout returned 500s for every card payment.',
    links: {
      incident: 'https://pager.example.com/incidents/INC-42',
      changes: ['https://github.com/acme/payments/pull/812'],
    },
    openedBy: 'user:default/alice',
    openedAt: hoursFromNow(-3.1),
    deadline: hoursFromNow(5.5),
    status: 'open',
    backfilledAt: null,
    backfilledOnTime: null,
    tasks: [
      makeTask(),
      makeTask({
        key: 'brief-check',
        title: 'Product owner confirms the fix fits the brief',
        role: 'product-owner',
      }),
    ],
    ...overrides,
  };
}

export function makeDetail(
  overrides: Partial<ProcessExceptionDetail> = {},
): ProcessExceptionDetail {
  return {
    ...makeException(),
    timeline: [
      {
        id: 'ev-1',
        source: 'api',
        type: 'incident.opened',
        actor: 'pagerduty',
        occurredAt: hoursFromNow(-4),
        receivedAt: hoursFromNow(-4),
        provenance: { kind: 'service', subject: 'delivery-pipeline' },
        notCounted: null,
        data: { incidentId: 'INC-42', severity: 'P0' },
      },
      {
        id: 'ev-2',
        source: 'api',
        type: 'deployment.finished',
        actor: 'ci-bot',
        occurredAt: hoursFromNow(-3.1),
        receivedAt: hoursFromNow(-3.1),
        provenance: { kind: 'service', subject: 'delivery-pipeline' },
        notCounted: null,
        data: {
          environment: 'production',
          outcome: 'succeeded',
          pipelineRunUrl: 'https://ci.example.com/runs/99',
        },
      },
    ],
    ...overrides,
  };
}

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'f-1',
    rule: 'unrecorded-exception',
    entityRef,
    message:
      'Deployment d-77 reached production with 1 approval and no hotfix exception.',
    eventIds: ['ev-9'],
    detectedAt: hoursFromNow(-30),
    acknowledgedAt: null,
    acknowledgedBy: null,
    exceptionId: null,
    ...overrides,
  };
}

/** A fake API: every method is a jest mock with a harmless default answer. */
export function createFakeApi(
  overrides: Partial<ProcessExceptionsApi> = {},
): jest.Mocked<ProcessExceptionsApi> {
  return {
    listExceptions: jest.fn(async () => ({ items: [], nextCursor: null })),
    getException: jest.fn(async () => makeDetail()),
    recordException: jest.fn(async r => makeException({ ...r, id: 'new' })),
    completeTask: jest.fn(async () => makeException()),
    listFindings: jest.fn(async () => ({ items: [] })),
    acknowledgeFinding: jest.fn(async () => ({
      finding: makeFinding({ acknowledgedAt: hoursFromNow(0) }),
    })),
    getSummary: jest.fn(async () => ({
      open: 0,
      overdue: 0,
      backfilledOnTime: 0,
      backfilledLate: 0,
      unacknowledgedFindings: 0,
      since: hoursFromNow(-90 * 24),
    })),
    getScorecard: jest.fn(async () => ({
      groupBy: 'owner',
      window: '90d',
      since: hoursFromNow(-90 * 24),
      items: [],
    })),
    getTrends: jest.fn(async () => ({ weeks: [] })),
    listMaintenanceFailures: jest.fn(async () => ({ items: [] })),
    listUnmapped: jest.fn(async () => ({ items: [] })),
    verifyLedger: jest.fn(async () => ({
      ok: true,
      sealedEvents: 0,
      unsealedEvents: 0,
      head: null,
      mismatch: null,
      against: null,
    })),
    downloadEvidence: jest.fn(async () => ({
      blob: new Blob(['record\r\n']),
      filename: 'process-exceptions-evidence.csv',
    })),
    getTrail: jest.fn(async () => ({
      key: { kind: 'change' as const, value: 'abc' },
      services: [],
      entries: [],
      truncated: false,
    })),
    ...overrides,
  } as jest.Mocked<ProcessExceptionsApi>;
}
