import { DEFAULT_POLICY } from '../policy/Policy';
import { splitIntoCases } from './cases';
import { evaluateEntity } from './evaluateEntity';
import { findingIdFor } from './ids';
import { naturalKeys } from './naturalKeys';
import { EntityState, LedgerEvent } from './types';
import { NOW, randomLedger, randomOf } from './__testUtils__/randomLedger';
import { SIGNED } from './__testUtils__/events';

const byKey = (a: { naturalKey: string }, b: { naturalKey: string }) =>
  a.naturalKey < b.naturalKey ? -1 : 1;

function normalised(state: EntityState): EntityState {
  return {
    exceptions: [...state.exceptions].sort(byKey),
    findings: [...state.findings].sort(byKey),
  };
}

describe('splitIntoCases', () => {
  it.each(Array.from({ length: 40 }, (_, i) => [i + 1]))(
    'derives case by case what the whole ledger derives (seed %p)',
    seed => {
      const random = randomOf(seed * 7919);
      const entityRef = `component:default/service-${seed}`;
      const events = randomLedger(random, entityRef, 40 + random.int(80));

      const whole = evaluateEntity(DEFAULT_POLICY, events, NOW);
      const cases = splitIntoCases(events);
      const byCase = cases.map(c => evaluateEntity(DEFAULT_POLICY, c, NOW));

      expect(
        normalised({
          exceptions: byCase.flatMap(s => s.exceptions),
          findings: byCase.flatMap(s => s.findings),
        }),
      ).toEqual(normalised(whole));
      // Not a single case: the split bounds what one event re-derives.
      expect(cases.length).toBeGreaterThan(1);
    },
  );

  it('puts an acknowledgement with the deployment whose finding it names, even one that arrives first', () => {
    const entityRef = 'component:default/checkout';
    const findingId = findingIdFor(
      naturalKeys.unrecordedException(entityRef, 'D-9'),
    );
    const event = (seq: number, type: string, data: unknown) =>
      ({
        seq,
        externalId: `e-${seq}`,
        type,
        occurredAt: new Date(NOW.getTime() - seq * 1000),
        receivedAt: NOW,
        provenance: SIGNED,
        actor: 'sam',
        entityRef,
        data,
      } as LedgerEvent);
    const events = [
      event(1, 'finding.acknowledged', { findingId, name: 'n', reason: 'r' }),
      event(2, 'incident.opened', { incidentId: 'INC-7', severity: 'P1' }),
      event(3, 'deployment.finished', {
        deploymentId: 'D-9',
        environment: 'production',
        outcome: 'succeeded',
        changeIds: [],
      }),
    ];
    expect(splitIntoCases(events).map(c => c.map(e => e.seq))).toEqual([
      [1, 3],
      [2],
    ]);
  });
});
