import { SenderUrls } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { RuleContext } from './context';
import { DerivedException } from './types';

type UrlIndex = {
  changes: Map<string, string>;
  deployments: Map<string, string>;
  flags: Map<string, string>;
  stories: Map<string, string>;
};

/** The first URL each key's events give, in replay order. */
function indexUrls(ctx: RuleContext): UrlIndex {
  const index: UrlIndex = {
    changes: new Map(),
    deployments: new Map(),
    flags: new Map(),
    stories: new Map(),
  };
  const add = (map: Map<string, string>, key: string, url?: string) => {
    if (url && !map.has(key)) map.set(key, url);
  };
  // A merge's URL is the pull request's; a review's points into it.
  for (const e of ctx.ofType('change.merged')) {
    add(index.changes, e.data.changeId, e.data.url);
  }
  for (const e of ctx.ofType('change.reviewed')) {
    add(index.changes, e.data.changeId, e.data.url);
  }
  for (const e of ctx.ofType('deployment.finished')) {
    add(index.deployments, e.data.deploymentId, e.data.pipelineRunUrl);
  }
  for (const e of ctx.ofType('flag.changed')) {
    add(index.flags, e.data.flagKey, e.data.url);
  }
  for (const e of ctx.ofType('story.pulled')) {
    add(index.stories, e.data.storyId, e.data.url);
  }
  return index;
}

/**
 * Keeps with each exception's links the sender's URL of every linked key
 * the service's ledger has one for, so the portal can open it there.
 */
export function addSenderUrls(
  ctx: RuleContext,
  exceptions: DerivedException[],
): void {
  const index = indexUrls(ctx);
  for (const e of exceptions) {
    const { incident, changes = [], flag, story, deployment } = e.links;
    const urls: SenderUrls = {};
    const incidentUrl = incident && ctx.incidents.get(incident)?.url;
    if (incidentUrl) urls.incident = incidentUrl;
    const deploymentUrl = deployment && index.deployments.get(deployment);
    if (deploymentUrl) urls.deployment = deploymentUrl;
    const flagUrl = flag && index.flags.get(flag);
    if (flagUrl) urls.flag = flagUrl;
    const storyUrl = story && index.stories.get(story);
    if (storyUrl) urls.story = storyUrl;
    const changeUrls = changes.flatMap(id => {
      const url = index.changes.get(id);
      return url ? [[id, url] as const] : [];
    });
    if (changeUrls.length > 0) urls.changes = Object.fromEntries(changeUrls);
    if (Object.keys(urls).length > 0) e.links = { ...e.links, urls };
  }
}
