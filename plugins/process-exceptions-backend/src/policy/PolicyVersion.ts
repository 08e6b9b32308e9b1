import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { sha256Hex } from '../lib/sha256Hex';
import { Policy } from './Policy';

/**
 * Which policy derived rows were computed with: the revision the operator
 * raises when the policy changes, and a fingerprint of the policy itself.
 */
export interface PolicyVersion {
  revision: number;
  fingerprint: string;
}

/** JSON with object keys sorted, so equal policies print equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function policyVersion(policy: Policy, revision = 0): PolicyVersion {
  return { revision, fingerprint: sha256Hex(canonicalJson(policy)) };
}

/** Reads `processExceptions.policyRevision` (default 0). */
export function readPolicyVersion(
  config: Config,
  policy: Policy,
): PolicyVersion {
  const revision =
    config.getOptionalNumber('processExceptions.policyRevision') ?? 0;
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new InputError(
      `processExceptions.policyRevision must be a whole number of 0 or more, got ${revision}`,
    );
  }
  return policyVersion(policy, revision);
}
