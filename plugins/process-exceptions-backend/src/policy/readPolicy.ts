import { Config } from '@backstage/config';
import { DEFAULT_POLICY, Policy } from './Policy';

/** Reads `processExceptions.policies`, defaulting each value separately. */
export function readPolicy(config: Config): Policy {
  const c = config.getOptionalConfig('processExceptions.policies');
  if (!c) return DEFAULT_POLICY;
  const d = DEFAULT_POLICY;
  return {
    confirmations: c.getOptionalNumber('confirmations') ?? d.confirmations,
    p0Severities: c.getOptionalStringArray('p0Severities') ?? d.p0Severities,
    environments: {
      production:
        c.getOptionalStringArray('environments.production') ??
        d.environments.production,
      staging:
        c.getOptionalStringArray('environments.staging') ??
        d.environments.staging,
    },
    hotfix: {
      labels: c.getOptionalStringArray('hotfix.labels') ?? d.hotfix.labels,
      minApprovals:
        c.getOptionalNumber('hotfix.minApprovals') ?? d.hotfix.minApprovals,
      requiredReviewerRole:
        c.getOptionalString('hotfix.requiredReviewerRole') ??
        d.hotfix.requiredReviewerRole,
      backfillHours:
        c.getOptionalNumber('hotfix.backfillHours') ?? d.hotfix.backfillHours,
    },
    flagDisable: {
      backfillHours:
        c.getOptionalNumber('flagDisable.backfillHours') ??
        d.flagDisable.backfillHours,
    },
    partialReadiness: {
      backfillHours:
        c.getOptionalNumber('partialReadiness.backfillHours') ??
        d.partialReadiness.backfillHours,
    },
  };
}
