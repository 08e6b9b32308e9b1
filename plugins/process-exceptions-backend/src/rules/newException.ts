import { DerivedException } from './types';

/** An exception before backfills and status are settled. */
export function newException(
  fields: Omit<
    DerivedException,
    'status' | 'backfilledAt' | 'backfilledOnTime'
  >,
): DerivedException {
  return {
    ...fields,
    status: 'open',
    backfilledAt: null,
    backfilledOnTime: null,
  };
}
