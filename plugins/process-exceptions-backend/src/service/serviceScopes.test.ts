import { createTestDatabases } from '../__testUtils__/databases';
import {
  component,
  event,
  PIPELINE_SUBJECT,
  startApi,
} from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const hotfix = (entity: string) =>
  event(
    'deployment.finished',
    {
      deploymentId: `d-${entity}-${Math.random()}`,
      environment: 'production',
      outcome: 'succeeded',
      labels: ['hotfix'],
    },
    { entity },
  );

describe.each(databases.eachSupportedId())(
  'a pipeline token scoped to the owners it serves on %p',
  databaseId => {
    let api: Awaited<ReturnType<typeof startApi>>;
    beforeEach(async () => {
      api = await startApi(databases, databaseId, {
        config: {
          processExceptions: {
            serviceScopes: [
              { subject: PIPELINE_SUBJECT, owners: ['payments-team'] },
            ],
          },
        },
      });
    });

    it("records events for its owners' services", async () => {
      const res = await api.post({
        events: [hotfix('payments'), hotfix('ledger')],
      });
      expect(res.status).toBe(201);
      expect(await api.ledgerCount()).toBe(2);
    });

    it("refuses, with 403 naming the event, a batch naming another team's service; nothing stored", async () => {
      const res = await api.post({
        events: [hotfix('payments'), hotfix('checkout')],
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        `events[1].entityRef: component:default/checkout is owned by group:default/checkout-team, outside the scope of service ${PIPELINE_SUBJECT} (owners group:default/payments-team)`,
      );
      expect(await api.ledgerCount()).toBe(0);
    });

    it('keeps an event for a service the catalog does not know yet unmapped, and maps it only once it is in scope', async () => {
      const res = await api.post({
        events: [hotfix('new-payments'), hotfix('new-checkout')],
      });
      expect(res.status).toBe(201);
      const unmapped = await api.get('/v1/unmapped');
      expect(unmapped.body.items.map((e: any) => e.subject).sort()).toEqual([
        `token:${PIPELINE_SUBJECT}#component:default/new-checkout`,
        `token:${PIPELINE_SUBJECT}#component:default/new-payments`,
      ]);

      api.register(component('new-payments', 'payments-team'));
      api.register(component('new-checkout', 'checkout-team'));
      await api.runMaintenance();

      const exceptions = await api.get('/v1/exceptions');
      expect(exceptions.body.items.map((e: any) => e.entityRef)).toEqual([
        'component:default/new-payments',
      ]);
      const still = await api.get('/v1/unmapped');
      expect(still.body.items.map((e: any) => e.subject)).toEqual([
        `token:${PIPELINE_SUBJECT}#component:default/new-checkout`,
      ]);
    });
  },
);
