import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { checkJsonShape } from '../ingest/checkJsonShape';
import { Policy } from '../policy/Policy';
import { adaptDelivery } from '../webhooks/adaptDelivery';
import { AnnotationsOf, checkScopes } from '../webhooks/checkScopes';
import { ingestDelivery } from '../webhooks/ingestDelivery';
import {
  WEBHOOK_SOURCES,
  WebhookSettings,
  deliveryCheck,
  isWebhookSource,
  verifyDelivery,
} from '@process-exceptions/backstage-plugin-process-exceptions-node';
import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RouteContext } from './context';
import { provenanceOf } from './principals';

/**
 * `POST /v1/webhooks/{source}`: deliveries in the senders' own formats. The
 * body is kept raw, because signatures are computed over the exact bytes.
 */
export function createWebhookRouter(
  ctx: RouteContext,
  options: {
    settings: WebhookSettings;
    policy: Policy;
    maxBodyBytes: number;
    annotationsOf: AnnotationsOf;
  },
): express.Router {
  const router = Router();
  router.post(
    '/v1/webhooks/:source',
    express.raw({ type: () => true, limit: options.maxBodyBytes }),
    async (req, res) => {
      const { source } = req.params;
      if (!isWebhookSource(source)) {
        throw new NotFoundError(
          `No webhook source '${source.slice(
            0,
            40,
          )}'; expected one of ${WEBHOOK_SOURCES.join(', ')}`,
        );
      }
      const raw: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      const refused = verifyDelivery(
        source,
        options.settings,
        req.headers,
        raw,
      );
      let provenance: EventProvenance = {
        kind: 'webhook',
        source,
        ...deliveryCheck(source, options.settings),
      };
      if (refused) {
        // CDEvents senders may use a Backstage service token instead.
        const credentials =
          source === 'cdevents'
            ? await ctx.httpAuth
                .credentials(req, { allow: ['service'] })
                .catch(() => undefined)
            : undefined;
        if (!credentials) {
          throw new AuthenticationError(`${source}: ${refused}`);
        }
        provenance = provenanceOf(credentials);
      }

      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new InputError('body: not valid JSON');
      }
      checkJsonShape(payload);
      const result = adaptDelivery(
        source,
        payload,
        req.headers,
        options.policy,
      );
      await checkScopes(source, result, options.annotationsOf);
      const outcome = await ingestDelivery(
        ctx.ingestor,
        source,
        result,
        payload,
        provenance,
      );
      if (outcome.status === 'ignored') {
        res.status(202).json(outcome);
        return;
      }
      const recorded = outcome.results.some(r => r.status === 'recorded');
      res.status(recorded ? 201 : 200).json({ results: outcome.results });
    },
  );
  return router;
}
