import { FactRetriever } from '@backstage-community/plugin-tech-insights-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DateTime } from 'luxon';
import { computeFacts, EntityFigures } from './computeFacts';

/**
 * Reads the process-exceptions backend through its API, with a service token
 * of the Tech Insights plugin, and turns its scorecard into facts per component.
 *
 * @public
 */
export const processExceptionsFactRetriever: FactRetriever = {
  id: 'processExceptionsFactRetriever',
  version: '0.1.0',
  title: 'Process exceptions',
  description:
    'Open exceptions, overdue backfills, on-time backfill rate and unrecorded exceptions per component',
  entityFilter: [{ kind: 'component' }],
  schema: {
    openExceptions: {
      type: 'integer',
      description: 'Exceptions whose backfill is not complete',
    },
    overdueBackfills: {
      type: 'integer',
      description: 'Exceptions whose backfill deadline has passed',
    },
    onTimeBackfillRate90d: {
      type: 'float',
      description:
        'Share of backfills in the last 90 days done by the deadline (1 when there were none)',
    },
    unacknowledgedFindings: {
      type: 'integer',
      description:
        'Places the chain broke without a recorded exception, not yet acknowledged',
    },
    unrecordedExceptions30d: {
      type: 'integer',
      description: 'Unacknowledged findings detected in the last 30 days',
    },
    daysSinceOldestOverdueBackfill: {
      type: 'integer',
      description:
        'Days since the oldest overdue backfill fell due (0 when none)',
    },
  },
  async handler({ discovery, auth }) {
    const credentials = await auth.getOwnServiceCredentials();
    const getJson = async (pluginId: string, path: string) => {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      });
      const response = await fetch(
        `${await discovery.getBaseUrl(pluginId)}${path}`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      return response.json();
    };

    const components: { items: Entity[] } = await getJson(
      'catalog',
      '/entities/by-query?filter=kind=component&fields=kind,metadata.name,metadata.namespace&limit=10000',
    );
    const scorecard = async (window: string): Promise<EntityFigures[]> =>
      (
        await getJson(
          'process-exceptions',
          `/v1/scorecard?groupBy=entity&window=${window}`,
        )
      ).items;
    const now = new Date();
    const facts = computeFacts({
      entityRefs: components.items.map(e => stringifyEntityRef(e)),
      last90Days: await scorecard('90d'),
      last30Days: await scorecard('30d'),
      now,
    });
    return facts.map(f => ({ ...f, timestamp: DateTime.fromJSDate(now) }));
  },
};
