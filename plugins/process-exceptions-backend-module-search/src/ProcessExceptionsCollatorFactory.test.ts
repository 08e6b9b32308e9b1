import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ProcessExceptionSearchDocument } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { ProcessExceptionsCollatorFactory } from './ProcessExceptionsCollatorFactory';
import {
  entities,
  LEDGER,
  PAYMENTS,
  startSeededBackend,
} from './__testUtils__/seededBackend';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function collate(factory: ProcessExceptionsCollatorFactory) {
  const documents: ProcessExceptionSearchDocument[] = [];
  for await (const document of await factory.getCollator()) {
    documents.push(document);
  }
  return documents;
}

describe.each(databases.eachSupportedId())(
  'ProcessExceptionsCollatorFactory on %p',
  databaseId => {
    it('collates every exception and finding, page after page, with its owner', async () => {
      const { base } = await startSeededBackend({
        knex: await databases.init(databaseId),
        // More than one page of exceptions (200 a page).
        ledgerHotfixes: 201,
      });
      const catalog = catalogServiceMock({ entities });
      const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const factory = ProcessExceptionsCollatorFactory.create({
        discovery: {
          getBaseUrl: async id => `${base}/api/${id}`,
          getExternalBaseUrl: async id => `${base}/api/${id}`,
        },
        auth: mockServices.auth(),
        catalog,
        logger: mockServices.logger.mock(),
      });
      expect(factory.type).toBe('process-exception');
      expect(factory.visibilityPermission.name).toBe('catalog.entity.read');

      const documents = await collate(factory);

      const hotfix = documents.find(d => d.incident === 'INC-117');
      expect(hotfix).toEqual({
        title: 'Hotfix for INC-117 on payments-api',
        text: 'Refunds for EUR accounts failed after the currency table migration',
        location: `/catalog/default/component/payments-api/exceptions?exception=${hotfix?.id}`,
        authorization: { resourceRef: PAYMENTS },
        record: 'exception',
        id: expect.any(String),
        kind: 'hotfix',
        status: 'open',
        entityRef: PAYMENTS,
        owner: 'group:default/payments-team',
        incident: 'INC-117',
        changes: 'pr-2117, pr-2118',
        flag: null,
        story: null,
        deployment: 'd-5117',
        occurredAt: expect.any(String),
      });

      // The hotfix shipped without approvals: a finding of its own.
      const finding = documents.find(
        d => d.record === 'finding' && d.entityRef === PAYMENTS,
      );
      expect(finding).toMatchObject({
        title: 'Hotfix review below the minimum on payments-api',
        text: expect.stringContaining('Hotfix deployment d-5117'),
        location: `/catalog/default/component/payments-api/exceptions?finding=${finding?.id}`,
        authorization: { resourceRef: PAYMENTS },
        kind: 'abbreviated-review-below-minimum',
        status: 'unacknowledged',
        owner: 'group:default/payments-team',
      });

      const count = (record: string, entityRef: string) =>
        documents.filter(d => d.record === record && d.entityRef === entityRef)
          .length;
      expect(count('exception', LEDGER)).toBe(201);
      expect(count('finding', LEDGER)).toBe(201);
      expect(count('exception', PAYMENTS)).toBe(1);
      expect(count('finding', PAYMENTS)).toBe(1);
      expect(
        documents.filter(d => d.owner === 'group:default/ledger-team'),
      ).toHaveLength(402);
      // Every location is its own: the search engines key documents by it.
      expect(new Set(documents.map(d => d.location)).size).toBe(
        documents.length,
      );
      // Every document has every field, as Lunr reads its fields from the first.
      const fields = Object.keys(documents[0]).sort();
      expect(
        documents.every(d => Object.keys(d).sort().join() === fields.join()),
      ).toBe(true);

      // Each service's owner was asked for once, not once per record.
      const asked = getEntitiesByRefs.mock.calls.flatMap(
        ([request]) => request.entityRefs,
      );
      expect(asked.sort()).toEqual([LEDGER, PAYMENTS]);
    });
  },
);
