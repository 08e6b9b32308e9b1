import { exceptionIdFor, findingIdFor } from '../rules/ids';
import { DerivedException, DerivedFinding } from '../rules/types';
import { fingerprint } from './derivedRows';
import { sameException, sameFinding } from './sameDerived';

/** A derived exception or finding with its row's id and fingerprint. */
export interface Fingerprinted<T> {
  value: T;
  id: string;
  fingerprint: string;
}

/** What an evaluation of one entity derived, by natural key. */
export interface DerivedFingerprints {
  exceptions: Map<string, Fingerprinted<DerivedException>>;
  findings: Map<string, Fingerprinted<DerivedFinding>>;
}

/**
 * Remembers the id and fingerprint of what each entity's last evaluation
 * derived: one more event leaves most of an entity's exceptions as they
 * were, and comparing them field by field costs a fraction of serialising
 * and hashing them again. The fingerprint is a function of the value, so a
 * remembered one is right whatever was committed since.
 */
export class FingerprintMemo {
  readonly seen: DerivedFingerprints = {
    exceptions: new Map(),
    findings: new Map(),
  };

  constructor(private readonly last: DerivedFingerprints | undefined) {}

  exception(value: DerivedException): Fingerprinted<DerivedException> {
    const { exceptions } = this.seen;
    const last = this.last?.exceptions;
    return remember(value, last, exceptions, sameException, exceptionIdFor);
  }

  finding(value: DerivedFinding): Fingerprinted<DerivedFinding> {
    const { findings } = this.seen;
    const last = this.last?.findings;
    return remember(value, last, findings, sameFinding, findingIdFor);
  }
}

function remember<T extends { naturalKey: string }>(
  value: T,
  last: ReadonlyMap<string, Fingerprinted<T>> | undefined,
  seen: Map<string, Fingerprinted<T>>,
  same: (a: T, b: T) => boolean,
  idFor: (naturalKey: string) => string,
): Fingerprinted<T> {
  const before = last?.get(value.naturalKey);
  const known =
    before && same(before.value, value)
      ? before
      : { value, id: idFor(value.naturalKey), fingerprint: fingerprint(value) };
  seen.set(value.naturalKey, known);
  return known;
}
