import { DerivedException, NotCounted } from './types';

/** An exception before backfills and status are settled. */
export function newException(
  fields: Omit<
    DerivedException,
    'status' | 'backfilledAt' | 'backfilledOnTime' | 'notCounted'
  > & { notCounted?: NotCounted[] },
): DerivedException {
  return {
    notCounted: [],
    ...fields,
    status: 'open',
    backfilledAt: null,
    backfilledOnTime: null,
  };
}
