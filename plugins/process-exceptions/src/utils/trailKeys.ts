/** The keys a trail starts from: the query parameter and its label. */
export const TRAIL_KEYS = [
  { param: 'changeId', label: 'Change' },
  { param: 'deploymentId', label: 'Deployment' },
  { param: 'incidentId', label: 'Incident' },
  { param: 'flagKey', label: 'Flag' },
  { param: 'storyId', label: 'Story' },
] as const;

export type TrailParam = (typeof TRAIL_KEYS)[number]['param'];

/** The path, below the plugin's page, of one key's trail. */
export function trailPath(param: TrailParam, value: string): string {
  return `trail?${new URLSearchParams({ [param]: value })}`;
}

/** The key a page's query names, if exactly one. */
export function trailKeyIn(
  search: URLSearchParams,
): { param: TrailParam; value: string } | undefined {
  const given = TRAIL_KEYS.filter(k => search.get(k.param));
  if (given.length !== 1) return undefined;
  return { param: given[0].param, value: search.get(given[0].param)! };
}
