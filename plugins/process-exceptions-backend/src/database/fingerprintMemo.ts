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
    const before = this.last?.exceptions.get(value.naturalKey);
    const known =
      before && sameException(before.value, value)
        ? before
        : {
            value,
            id: exceptionIdFor(value.naturalKey),
            fingerprint: fingerprint(value),
          };
    this.seen.exceptions.set(value.naturalKey, known);
    return known;
  }

  finding(value: DerivedFinding): Fingerprinted<DerivedFinding> {
    const before = this.last?.findings.get(value.naturalKey);
    const known =
      before && sameFinding(before.value, value)
        ? before
        : {
            value,
            id: findingIdFor(value.naturalKey),
            fingerprint: fingerprint(value),
          };
    this.seen.findings.set(value.naturalKey, known);
    return known;
  }
}
