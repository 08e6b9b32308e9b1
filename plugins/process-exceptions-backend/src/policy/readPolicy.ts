import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AttestationPolicy,
  Attester,
  DEFAULT_ATTESTATION,
  DEFAULT_POLICY,
  Policy,
} from './Policy';
import { patternProblem } from './environmentPatterns';

const ATTESTERS = ['person', 'signed', 'pipeline'];

function readAttesters(c: Config, taskKey: string): Attester[] {
  const values = c.getStringArray(taskKey);
  for (const value of values) {
    const named = value.startsWith('service:') && value.length > 8;
    if (!named && !ATTESTERS.includes(value)) {
      throw new InputError(
        `processExceptions.policies.attestation.tasks.${taskKey}: '${value}' is not an attester; ` +
          `use person, signed, pipeline or service:<subject>`,
      );
    }
  }
  return values as Attester[];
}

/** Reads `attestation`; each task key given replaces that key's default. */
function readAttestation(c: Config | undefined): AttestationPolicy {
  const d = DEFAULT_ATTESTATION;
  if (!c) return d;
  const tasks = { ...d.tasks };
  const given = c.getOptionalConfig('tasks');
  for (const key of given?.keys() ?? []) {
    tasks[key] = readAttesters(given!, key);
  }
  return {
    tasks,
    clockSkewSeconds:
      c.getOptionalNumber('clockSkewSeconds') ?? d.clockSkewSeconds,
    relayBacklogSeconds:
      c.getOptionalNumber('relayBacklogSeconds') ?? d.relayBacklogSeconds,
    trustedClocks: c.getOptionalStringArray('trustedClocks') ?? d.trustedClocks,
  };
}

/** Environment patterns; a bad regular expression stops the backend here, named. */
function readEnvironments(
  c: Config,
  key: string,
  fallback: string[],
): string[] {
  const patterns = c.getOptionalStringArray(key) ?? fallback;
  for (const pattern of patterns) {
    const problem = patternProblem(pattern);
    if (problem) {
      throw new InputError(`processExceptions.policies.${key}: ${problem}`);
    }
  }
  return patterns;
}

/** Reads `processExceptions.policies`, defaulting each value separately. */
export function readPolicy(config: Config): Policy {
  const c = config.getOptionalConfig('processExceptions.policies');
  if (!c) return DEFAULT_POLICY;
  const d = DEFAULT_POLICY;
  return {
    confirmations: c.getOptionalNumber('confirmations') ?? d.confirmations,
    p0Severities: c.getOptionalStringArray('p0Severities') ?? d.p0Severities,
    environments: {
      production: readEnvironments(
        c,
        'environments.production',
        d.environments.production,
      ),
      staging: readEnvironments(
        c,
        'environments.staging',
        d.environments.staging,
      ),
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
    attestation: readAttestation(c.getOptionalConfig('attestation')),
  };
}
