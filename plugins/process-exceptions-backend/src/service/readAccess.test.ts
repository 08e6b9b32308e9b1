import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { readPolicyFactory } from '../__testUtils__/readPolicy';
import { BASE, event, startApi } from '../__testUtils__/testBackend';

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments';
const CHECKOUT = 'component:default/checkout';
// Jane is on the payments team: the catalog lets her read its two services.
const JANE = 'user:default/jane';
const LEAD = 'user:default/lead';

describe.each(databases.eachSupportedId())(
  'reads follow ownership on %p',
  databaseId => {
    let api: Awaited<ReturnType<typeof startApi>>;
    const getAs = (user: string, path: string) =>
      request(api.server)
        .get(`${BASE}${path}`)
        .set('Authorization', mockCredentials.user.header(user));

    beforeAll(async () => {
      api = await startApi(databases, databaseId, {
        features: [
          readPolicyFactory({
            readers: { [JANE]: [PAYMENTS, 'component:default/ledger'] },
            orgReaders: [LEAD],
          }),
        ],
      });
      const hotfix = (entity: string, id: string) =>
        event(
          'deployment.finished',
          {
            deploymentId: id,
            environment: 'production',
            outcome: 'succeeded',
            labels: ['hotfix'],
          },
          { entity },
        );
      await api.post({
        events: [hotfix('payments', 'p-1'), hotfix('checkout', 'c-1')],
      });
    });

    it('lists only the records of the entities the caller may read', async () => {
      const exceptions = await getAs(JANE, '/v1/exceptions');
      expect(exceptions.status).toBe(200);
      expect(exceptions.body.items.map((e: any) => e.entityRef)).toEqual([
        PAYMENTS,
      ]);
      const findings = await getAs(JANE, '/v1/findings');
      expect(findings.status).toBe(200);
      expect(new Set(findings.body.items.map((f: any) => f.entityRef))).toEqual(
        new Set([PAYMENTS]),
      );
    });

    it('answers 403 naming the entity for a service the caller may not read', async () => {
      for (const path of [
        `/v1/exceptions?entityRef=${CHECKOUT}`,
        `/v1/findings?entityRef=${CHECKOUT}`,
        `/v1/summary?entityRef=${CHECKOUT}`,
      ]) {
        const res = await getAs(JANE, path);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(
          `reading ${CHECKOUT} needs catalog.entity.read`,
        );
      }
      const own = await getAs(JANE, `/v1/summary?entityRef=${PAYMENTS}`);
      expect(own.status).toBe(200);
      expect(own.body.open).toBe(1);
    });

    it("does not show an exception of another team's service by id", async () => {
      const all = await getAs(LEAD, '/v1/exceptions');
      const checkout = all.body.items.find(
        (e: any) => e.entityRef === CHECKOUT,
      );
      expect((await getAs(LEAD, `/v1/exceptions/${checkout.id}`)).status).toBe(
        200,
      );
      const res = await getAs(JANE, `/v1/exceptions/${checkout.id}`);
      expect(res.status).toBe(404);
    });

    it('keeps answers that span services to holders of process-exceptions.read', async () => {
      for (const path of [
        '/v1/scorecard',
        '/v1/trends',
        '/v1/unmapped',
        '/v1/inbox',
        '/v1/maintenance/failures',
        '/v1/gates/merge?storyId=ST-1',
      ]) {
        const refused = await getAs(JANE, path);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /needs process-exceptions.read, as it spans services/,
        );
        expect((await getAs(LEAD, path)).status).toBe(200);
      }
      const lead = await getAs(LEAD, '/v1/exceptions');
      expect(lead.body.items.map((e: any) => e.entityRef).sort()).toEqual([
        CHECKOUT,
        PAYMENTS,
      ]);
    });
  },
);
