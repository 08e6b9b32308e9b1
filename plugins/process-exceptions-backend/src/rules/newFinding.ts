import { DerivedFinding } from './types';

/** A finding nobody has acknowledged yet. */
export function newFinding(
  fields: Omit<
    DerivedFinding,
    'acknowledgedAt' | 'acknowledgedBy' | 'exceptionKey'
  >,
): DerivedFinding {
  return {
    ...fields,
    acknowledgedAt: null,
    acknowledgedBy: null,
    exceptionKey: null,
  };
}
