import { InputError } from '@backstage/errors';
import {
  adaptCdevents,
  adaptFlagsmith,
  adaptGithub,
  adaptLaunchDarkly,
  adaptUnleash,
  AdapterInputError,
  AdapterResult,
} from '../adapters';
import { Policy } from '../policy/Policy';
import {
  DeliveryHeaders,
  WebhookSource,
} from '@process-exceptions/backstage-plugin-process-exceptions-node';

function flatten(headers: DeliveryHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
  }
  return out;
}

/** Translates one delivery with its source's adapter; bad payloads become 400s. */
export function adaptDelivery(
  source: WebhookSource,
  payload: unknown,
  headers: DeliveryHeaders,
  policy: Policy,
): AdapterResult {
  const h = flatten(headers);
  try {
    switch (source) {
      case 'cdevents':
        return adaptCdevents(payload, h, {
          stagingEnvironments: policy.environments.staging,
        });
      case 'github':
        return adaptGithub(payload, h);
      case 'launchdarkly':
        return adaptLaunchDarkly(payload, h);
      case 'unleash':
        return adaptUnleash(payload, h);
      default:
        // No raw body here: the id is a hash of the parsed JSON, the same
        // whether the delivery came over HTTP or through the events system.
        return adaptFlagsmith(payload, h);
    }
  } catch (error) {
    if (error instanceof AdapterInputError) {
      throw new InputError(`${source}: ${error.message}`);
    }
    throw error;
  }
}
