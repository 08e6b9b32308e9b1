/**
 * The handbook's numbers, read from `processExceptions.policies`.
 *
 * @internal
 */
export interface Policy {
  /** Approvals a change needs to reach production normally. */
  confirmations: number;
  /** Severities (compared case-insensitively) that make an incident P0. */
  p0Severities: string[];
  environments: {
    production: string[];
    staging: string[];
  };
  hotfix: {
    /** Deployment labels (case-insensitive) that mark a hotfix. */
    labels: string[];
    /** Approvals an abbreviated hotfix review needs at least. */
    minApprovals: number;
    /** One approval must come from a reviewer with this role. */
    requiredReviewerRole: string;
    /** Backfill deadline after the incident resolves (or after the deployment). */
    backfillHours: number;
  };
  flagDisable: {
    /** Deadline after the flag was turned off. Ours, not the handbook's. */
    backfillHours: number;
  };
  partialReadiness: {
    /** Deadline after the story was pulled. Ours, not the handbook's. */
    backfillHours: number;
  };
}

/** The handbook's values, and our own where the handbook names none. */
export const DEFAULT_POLICY: Policy = {
  confirmations: 3,
  p0Severities: ['P0'],
  environments: {
    production: ['production'],
    staging: ['staging'],
  },
  hotfix: {
    labels: ['hotfix'],
    minApprovals: 2,
    requiredReviewerRole: 'tech-lead',
    backfillHours: 24,
  },
  flagDisable: { backfillHours: 72 },
  partialReadiness: { backfillHours: 240 },
};
