/**
 * Who may close a task, by how the evidence was delivered: `person` (signed
 * in to the portal, allowed by the permission policy), `signed` (a webhook
 * whose signature or secret was checked, or an events-system topic),
 * `pipeline` (any service token), or `service:<subject>` (that service only).
 */
export type Attester = 'person' | 'signed' | 'pipeline' | `service:${string}`;

/** What evidence counts, and which of its times, by provenance. */
export interface AttestationPolicy {
  /** Task key (`gaps` for every gap task without its own) → who may close it. */
  tasks: Record<string, Attester[]>;
  /** How far a sender's clock may be off the plugin's, in seconds. */
  clockSkewSeconds: number;
  /** How long an events-system relay may hold a delivery, in seconds. */
  relayBacklogSeconds: number;
  /** Service subjects whose times count as sent, e.g. a history import. */
  trustedClocks: string[];
}

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
  attestation: AttestationPolicy;
}

/**
 * Role checks need a person or a signed review; what a pipeline observes
 * (reviews counted, deployments, verifications, gaps) a pipeline may
 * report, and a person in the portal may record with evidence.
 */
export const DEFAULT_ATTESTATION: AttestationPolicy = {
  tasks: {
    'full-review': ['person', 'signed', 'pipeline'],
    'brief-check': ['person', 'signed'],
    'qa-scenario': ['person', 'signed'],
    'design-check': ['person', 'signed'],
    'fix-deployed': ['person', 'signed', 'pipeline'],
    'staging-verified': ['person', 'signed', 'pipeline'],
    'flag-re-enabled': ['person', 'signed', 'pipeline'],
    gaps: ['person', 'signed', 'pipeline'],
  },
  clockSkewSeconds: 300,
  relayBacklogSeconds: 900,
  trustedClocks: [],
};

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
  attestation: DEFAULT_ATTESTATION,
};
