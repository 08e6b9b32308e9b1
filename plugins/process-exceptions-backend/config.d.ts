import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the process-exceptions plugins. */
  processExceptions?: {
    /**
     * The delivery policy. Every value defaults to the handbook's (or, where
     * the handbook names none, to ours).
     */
    /**
     * Raise it (0, 1, 2, …) whenever you change `policies`: every service
     * derived with a lower revision is then rebuilt from its ledger, once,
     * cluster-wide. A replica still on a lower revision rebuilds nothing.
     * Default 0.
     */
    policyRevision?: number;
    policies?: {
      /** Approvals a change needs to reach production normally. Default 3. */
      confirmations?: number;
      /** Incident severities that count as P0 (case-insensitive). Default ['P0']. */
      p0Severities?: string[];
      environments?: {
        /**
         * Environments that are production: exact names, globs (`prod-*`,
         * matching the whole name) and regular expressions (`/…/`, matching
         * anywhere unless anchored), all case-insensitive. Default ['production'].
         */
        production?: string[];
        /** Environments that are staging, as `production`. Default ['staging']. */
        staging?: string[];
      };
      hotfix?: {
        /** Deployment labels that mark a hotfix (case-insensitive). Default ['hotfix']. */
        labels?: string[];
        /** Approvals an abbreviated hotfix review needs. Default 2. */
        minApprovals?: number;
        /** Role one of those approvers must have. Default 'tech-lead'. */
        requiredReviewerRole?: string;
        /** Hours after the incident resolves (or the deployment) to backfill. Default 24. */
        backfillHours?: number;
      };
      flagDisable?: {
        /** Hours after an emergency flag disable to finish its tasks. Default 72 (ours). */
        backfillHours?: number;
      };
      partialReadiness?: {
        /** Hours after a story is pulled to fill its gaps. Default 240 (ours). */
        backfillHours?: number;
      };
      /** Which evidence closes which task, and which of its times count. */
      attestation?: {
        /**
         * Task key (`gaps` for every gap task without its own) → who may close it: `person`,
         * `signed`, `pipeline` or `service:<subject>`. A key given replaces
         * that key's default (see the README's attestation table).
         */
        tasks?: { [taskKey: string]: string[] };
        /** How far a sender's clock may be off, in seconds. Default 300. */
        clockSkewSeconds?: number;
        /** How long an events-system relay may hold a delivery, in seconds. Default 900. */
        relayBacklogSeconds?: number;
        /** Service subjects whose event times count as sent (a history import). */
        trustedClocks?: string[];
      };
    };
    /**
     * Notifications to the owning entity. Every kind is on by default.
     */
    notifications?: {
      /** When an exception is opened. */
      opened?: { enabled?: boolean };
      /** A reminder before the backfill deadline. */
      dueSoon?: { enabled?: boolean; /** Default 4. */ hoursBefore?: number };
      /** When a backfill becomes overdue. */
      overdue?: { enabled?: boolean };
      /** When a finding is recorded. */
      findings?: { enabled?: boolean };
      /**
       * How far back the first sweep announces, in hours (default 72), so
       * switching notifications on does not announce all of history.
       */
      lookbackHours?: number;
    };
    /**
     * Secrets of the webhook senders (`POST /v1/webhooks/{source}` and the
     * events ingress module). A source without a secret is refused.
     */
    webhooks?: {
      github?: { /** @visibility secret */ secret?: string };
      launchdarkly?: { /** @visibility secret */ secret?: string };
      flagsmith?: { /** @visibility secret */ secret?: string };
      unleash?: { /** @visibility secret */ secret?: string };
      cdevents?: { /** @visibility secret */ secret?: string };
      /** Development only: accept deliveries of sources without a secret. */
      allowUnsigned?: boolean;
    };
    /**
     * People's writes (recording an exception, completing a task,
     * acknowledging a finding, starting a rebuild) granted to services by
     * their subject: a service may make them only when granted here or when
     * its token's access restrictions name the permission.
     */
    servicePermissions?: Array<{
      /** The service's subject, e.g. a static token's `subject`. */
      subject: string;
      /** Permission names, e.g. `process-exceptions.rebuild`. */
      permissions: string[];
    }>;
    /**
     * Limits a service token to the entities it serves: its events
     * (`POST /v1/events`) may name only entities owned by one of `owners`
     * or part of one of `systems`; one naming another is refused with 403.
     * An entity the catalog does not know yet stays unmapped until it is
     * in scope. Subjects not listed are not limited.
     */
    serviceScopes?: Array<{
      /** The service's subject, e.g. a static token's `subject`. */
      subject: string;
      /** Owner refs, e.g. `group:default/payments-team` (kind defaults to group). */
      owners?: string[];
      /** System refs, e.g. `system:default/payments` (kind defaults to system). */
      systems?: string[];
    }>;
    ingestion?: {
      /**
       * Seconds a replica keeps the entity an event's subject (an entity
       * ref, a GitHub slug, a flag project and key) resolved to in the
       * catalog; an entity removed or re-annotated in the catalog still
       * receives events for at most this long. Subjects the catalog does
       * not know are asked again with every write. Default 300; 0 asks
       * the catalog every time.
       */
      entityCacheSeconds?: number;
    };
    scorecard?: {
      /**
       * Seconds a computed scorecard (`GET /v1/scorecard`) is reused on a
       * replica; any write on that replica clears it. Default 30; 0
       * computes it on every request.
       */
      cacheSeconds?: number;
      /**
       * Seconds a replica keeps an entity's owner from the catalog for the
       * scorecard; an owner changed in the catalog shows after at most
       * this. Default 300; 0 asks the catalog on every request.
       */
      ownersCacheSeconds?: number;
    };
    ledger?: {
      /**
       * Seals the ledger into a hash chain (docs/ledger-seals.md): the key
       * of the personal fields' digests and of the chain heads' signatures,
       * at least 32 characters. Keep it outside the database, and keep it:
       * with another key, earlier heads and exports no longer verify.
       * Without it, the ledger is not sealed.
       * @visibility secret
       */
      sealingKey?: string;
    };
    /**
     * How often the cluster-wide maintenance task runs (overdue sweep,
     * unmapped events). Default: every minute.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
