// The natural key of every exception and finding the rules derive. The
// correlation index computes the same keys from single events (see
// correlationKeys.ts), so both must come from here.

export const naturalKeys = {
  hotfix: (entityRef: string, deploymentId: string) =>
    `hotfix:${entityRef}:${deploymentId}`,
  abbreviatedReview: (entityRef: string, deploymentId: string) =>
    `abbreviated-review:${entityRef}:${deploymentId}`,
  pipelineBypassed: (entityRef: string, deploymentId: string) =>
    `pipeline-bypassed:${entityRef}:${deploymentId}`,
  unrecordedException: (entityRef: string, deploymentId: string) =>
    `unrecorded-exception:${entityRef}:${deploymentId}`,
  flagDisable: (entityRef: string, flagKey: string, offEventId: string) =>
    `flag-disable:${entityRef}:${flagKey}:${offEventId}`,
  reEnabledBeforeStaging: (
    entityRef: string,
    flagKey: string,
    onEventId: string,
  ) => `re-enabled-before-staging:${entityRef}:${flagKey}:${onEventId}`,
  partialReadiness: (entityRef: string, storyId: string) =>
    `partial-readiness:${entityRef}:${storyId}`,
  mergedWithOpenGap: (entityRef: string, storyId: string, changeId: string) =>
    `merged-with-open-gap:${entityRef}:${storyId}:${changeId}`,
  recorded: (entityRef: string, eventId: string) =>
    `manual:${entityRef}:${eventId}`,
  acknowledgement: (entityRef: string, findingId: string) =>
    `ack:${entityRef}:${findingId}`,
};
