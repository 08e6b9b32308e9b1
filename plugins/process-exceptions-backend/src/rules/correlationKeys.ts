import { exceptionIdFor, findingIdFor } from './ids';
import { naturalKeys } from './naturalKeys';
import { LedgerEventData, LedgerEventType } from './types';

/** What a correlation key names. */
export type CorrelationKind =
  | 'change'
  | 'deployment'
  | 'incident'
  | 'flag'
  | 'story'
  /** The id of an exception or finding the event can open or names. */
  | 'exception';

export interface CorrelationKey {
  kind: CorrelationKind;
  value: string;
}

/** An event as far as its keys go. */
export type KeyedEvent = {
  [K in LedgerEventType]: {
    type: K;
    externalId: string;
    data: LedgerEventData[K];
  };
}[LedgerEventType];

/**
 * The keys that tie one event to the others a rule reads with it. Two events
 * of a service sharing a key are evaluated together; events linked through
 * chains of keys form one case. The keys over-approximate what the rules
 * read, never under: an event carries the id of every exception or finding
 * it could anchor, so an acknowledgement or a backfill naming that id joins
 * its case even before the case exists. Ids need the service, so an
 * unmapped event (`entityRef` null) gets them once it is mapped.
 *
 * Reading the rules against this list is the proof obligation; the
 * equivalence test (writePath.equivalence.test.ts) checks it on random
 * streams.
 */
export function correlationKeys(
  event: KeyedEvent,
  entityRef: string | null,
): CorrelationKey[] {
  const keys: CorrelationKey[] = [];
  const add = (kind: CorrelationKind, value: string | undefined) => {
    if (value) keys.push({ kind, value });
  };
  const exception = (naturalKey: string) =>
    entityRef && add('exception', exceptionIdFor(naturalKey));
  const finding = (naturalKey: string) =>
    entityRef && add('exception', findingIdFor(naturalKey));
  const ref = entityRef ?? '';

  switch (event.type) {
    case 'incident.opened':
    case 'incident.resolved':
      add('incident', event.data.incidentId);
      break;
    case 'change.reviewed':
    case 'change.merged': {
      const { changeId, storyId } = event.data;
      add('change', changeId);
      add('story', storyId);
      if (storyId) {
        finding(naturalKeys.mergedWithOpenGap(ref, storyId, changeId));
      }
      break;
    }
    case 'deployment.finished': {
      const { deploymentId, changeIds = [], incidentId, fixes } = event.data;
      add('deployment', deploymentId);
      changeIds.forEach(id => add('change', id));
      add('incident', incidentId);
      add('flag', fixes?.flagKey);
      add('exception', fixes?.exceptionId);
      exception(naturalKeys.hotfix(ref, deploymentId));
      finding(naturalKeys.abbreviatedReview(ref, deploymentId));
      finding(naturalKeys.pipelineBypassed(ref, deploymentId));
      finding(naturalKeys.unrecordedException(ref, deploymentId));
      break;
    }
    case 'flag.changed': {
      const { flagKey, enabled } = event.data;
      add('flag', flagKey);
      if (enabled) {
        finding(
          naturalKeys.reEnabledBeforeStaging(ref, flagKey, event.externalId),
        );
      } else {
        exception(naturalKeys.flagDisable(ref, flagKey, event.externalId));
      }
      break;
    }
    case 'verification.finished':
      add('flag', event.data.flagKey);
      (event.data.changeIds ?? []).forEach(id => add('change', id));
      break;
    case 'story.pulled': {
      const { storyId, changeIds = [] } = event.data;
      add('story', storyId);
      changeIds.forEach(id => add('change', id));
      exception(naturalKeys.partialReadiness(ref, storyId));
      for (const id of changeIds) {
        finding(naturalKeys.mergedWithOpenGap(ref, storyId, id));
      }
      break;
    }
    case 'gap.closed':
    case 'story.withdrawn':
      add('story', event.data.storyId);
      break;
    case 'backfill.completed':
      add('exception', event.data.exceptionId);
      add('incident', event.data.incidentId);
      break;
    case 'exception.recorded':
      add('incident', event.data.links?.incident);
      exception(naturalKeys.recorded(ref, event.externalId));
      break;
    case 'finding.acknowledged':
      add('exception', event.data.findingId);
      exception(naturalKeys.acknowledgement(ref, event.data.findingId));
      break;
    default:
      break; // kept in the ledger, read by no rule
  }
  return dedupe(keys);
}

function dedupe(keys: CorrelationKey[]): CorrelationKey[] {
  const seen = new Set<string>();
  return keys.filter(k => {
    const id = `${k.kind}\n${k.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
