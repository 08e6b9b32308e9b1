/**
 * Pure translations of foreign payloads (CDEvents, GitHub, LaunchDarkly,
 * Unleash, Flagsmith) into v1 events, and webhook signature checks. Nothing
 * here touches the database, the catalog or the network.
 */
export { adaptCdevents } from './cdevents';
export type { CdeventsOptions } from './cdevents';
export { adaptGithub } from './github';
export { adaptLaunchDarkly } from './launchdarkly';
export { adaptUnleash } from './unleash';
export { adaptFlagsmith, hashBody } from './flagsmith';
export * from './subjects';
export { AdapterInputError } from './types';
export type { AdaptedEvent, AdapterHeaders, AdapterResult } from './types';
