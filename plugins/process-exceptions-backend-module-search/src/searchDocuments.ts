import { parseEntityRef } from '@backstage/catalog-model';
import {
  Finding,
  FindingRule,
  ProcessException,
  ProcessExceptionSearchDocument,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** What broke, in a few words, for a finding's title. */
const FINDING_TITLES: Record<FindingRule, string> = {
  'abbreviated-review-below-minimum': 'Hotfix review below the minimum',
  'pipeline-bypassed': 'Pipeline bypassed',
  'unrecorded-exception': 'Unrecorded exception',
  're-enabled-before-staging': 'Flag re-enabled before staging',
  'merged-with-open-gap': 'Merged with an open gap',
};

/**
 * The service's Exceptions tab, where the plugin's frontend shows both
 * records: the path the catalog's entity pages and the plugin's tab are
 * mounted at (`/catalog/:namespace/:kind/:name`, then `exceptions`).
 */
function exceptionsTabOf(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[
    namespace.toLocaleLowerCase('en-US'),
    kind.toLocaleLowerCase('en-US'),
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}/exceptions`;
}

const nameOf = (entityRef: string) => parseEntityRef(entityRef).name;

/**
 * An exception as a search document. Its location opens the exception's
 * detail (the drawer with its tasks and timeline) on the service's tab.
 */
export function exceptionDocument(
  exception: ProcessException,
  owner: string | null,
): ProcessExceptionSearchDocument {
  const { links } = exception;
  return {
    title: exception.name,
    text: exception.reason,
    location: `${exceptionsTabOf(
      exception.entityRef,
    )}?exception=${encodeURIComponent(exception.id)}`,
    authorization: { resourceRef: exception.entityRef },
    record: 'exception',
    id: exception.id,
    kind: exception.kind,
    status: exception.status,
    entityRef: exception.entityRef,
    owner,
    incident: links.incident ?? null,
    changes: links.changes?.length ? links.changes.join(', ') : null,
    flag: links.flag ?? null,
    story: links.story ?? null,
    deployment: links.deployment ?? null,
    occurredAt: exception.openedAt,
  };
}

/**
 * A finding as a search document. Its location is the service's tab with
 * the finding marked (the tab lists the findings below the exceptions);
 * each document needs a location of its own, as the search engines key
 * documents by it.
 */
export function findingDocument(
  finding: Finding,
  owner: string | null,
): ProcessExceptionSearchDocument {
  const what =
    (FINDING_TITLES as Record<string, string>)[finding.rule] ?? finding.rule;
  return {
    title: `${what} on ${nameOf(finding.entityRef)}`,
    text: finding.message,
    location: `${exceptionsTabOf(
      finding.entityRef,
    )}?finding=${encodeURIComponent(finding.id)}`,
    authorization: { resourceRef: finding.entityRef },
    record: 'finding',
    id: finding.id,
    kind: finding.rule,
    status: finding.acknowledgedAt ? 'acknowledged' : 'unacknowledged',
    entityRef: finding.entityRef,
    owner,
    // Findings carry no links of their own: the message names the deployment.
    incident: null,
    changes: null,
    flag: null,
    story: null,
    deployment: null,
    occurredAt: finding.detectedAt,
  };
}
