import type {
  Check,
  CheckLink,
  CheckResult,
} from '@backstage-community/plugin-tech-insights-common';

/** How one check came out for the entity. */
export type CheckStatusValue = 'passed' | 'failed' | 'no-data';

/** One line of the scorecard: a configured check and its result, if any. */
export type ScorecardRow = {
  id: string;
  name: string;
  description: string;
  status: CheckStatusValue;
  /** `metadata.solution` of the check, what to do when it fails. */
  solution?: string;
  category?: string;
  links: CheckLink[];
};

const rankOf = (check: Check): number => {
  const rank = Number(check.metadata?.rank);
  return Number.isFinite(rank) ? rank : Number.MAX_SAFE_INTEGER;
};

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/**
 * Joins the configured checks with the results the backend returned for one
 * entity. A check without a result had no facts to run on (the fact
 * retriever has not collected them yet, or the check does not apply).
 * Ordered by `metadata.rank`, then by name.
 */
export function toScorecardRows(
  checks: Check[],
  results: CheckResult[],
): ScorecardRow[] {
  const resultById = new Map(results.map(r => [r.check.id, r]));
  return [...checks]
    .sort((a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name))
    .map(check => {
      const result = resultById.get(check.id);
      // The result carries the metadata of its outcome (success/failure metadata merged in).
      const metadata = result?.check.metadata ?? check.metadata ?? {};
      let status: CheckStatusValue = 'no-data';
      if (result) status = result.result === true ? 'passed' : 'failed';
      return {
        id: check.id,
        name: result?.check.name ?? check.name,
        description: result?.check.description ?? check.description ?? '',
        status,
        solution: optionalString(metadata.solution),
        category: optionalString(metadata.category),
        links: result?.check.links ?? check.links ?? [],
      };
    });
}
