import {
  at,
  deployment,
  evaluate,
  flagChanged,
  verification,
} from './__testUtils__/events';
import { exceptionIdFor } from './ids';

const KEY = 'flag-disable:component:default/checkout:new-checkout:off-0';
const off = (hours = 0) =>
  flagChanged({ at: hours, externalId: `off-${hours}` });
const on = (hours: number) =>
  flagChanged({ enabled: true, at: hours, externalId: `on-${hours}` });
const fix = (hours: number) =>
  deployment({
    deploymentId: 'FIX',
    environment: 'staging',
    changeIds: ['PR-9'],
    fixes: { flagKey: 'new-checkout' },
    at: hours,
  });
const verified = (hours: number) =>
  verification({ changeIds: ['PR-9'], at: hours, url: 'https://qa/1' });

describe('flag-disable exceptions', () => {
  it('opens one when a flag is turned off in production', () => {
    const event = flagChanged({ externalId: 'off-0', actor: 'ops' });
    const { exceptions } = evaluate([event]);
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({
      naturalKey: KEY,
      kind: 'flag-disable',
      name: 'Emergency disable of new-checkout on checkout',
      reason: 'Flag turned off in production',
      links: { flag: 'new-checkout' },
      openedBy: 'ops',
      openedAt: at(0),
      deadline: at(72),
      eventSeqs: [event.seq],
    });
    expect(exceptions[0].tasks.map(t => [t.key, t.role])).toEqual([
      ['fix-deployed', 'developer'],
      ['staging-verified', 'qa'],
      ['flag-re-enabled', 'developer'],
    ]);
  });

  it('opens nothing for a planned switch-off or outside production', () => {
    expect(
      evaluate([
        flagChanged({ planned: true }),
        flagChanged({ environment: 'staging' }),
      ]),
    ).toEqual({ exceptions: [], findings: [] });
  });

  it('is backfilled when fixed, verified in staging, then re-enabled', () => {
    const { exceptions, findings } = evaluate(
      [off(), fix(2), verified(3), on(4)],
      { now: at(100) },
    );
    expect(findings).toEqual([]);
    expect(exceptions[0]).toMatchObject({
      status: 'backfilled',
      backfilledAt: at(4),
      backfilledOnTime: true,
    });
    expect(exceptions[0].tasks[1]).toMatchObject({
      doneAt: at(3),
      evidenceUrl: 'https://qa/1',
    });
  });

  it('reports a re-enable before the staging verification', () => {
    const reEnable = on(4);
    const { exceptions, findings } = evaluate([
      off(),
      fix(2),
      reEnable,
      verified(5),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        naturalKey:
          're-enabled-before-staging:component:default/checkout:new-checkout:on-4',
        rule: 're-enabled-before-staging',
        detectedAt: at(4),
      }),
    ]);
    // The flag is back on all the same.
    expect(exceptions[0].tasks[2].doneAt).toEqual(at(4));
  });

  it('reports a re-enable when staging never verified the fix', () => {
    const { findings } = evaluate([off(), on(4)]);
    expect(findings.map(f => f.rule)).toEqual(['re-enabled-before-staging']);
  });

  it('keeps one exception while the flag stays off', () => {
    const first = off();
    const again = off(1);
    const { exceptions } = evaluate([first, again]);
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0].eventSeqs).toEqual([first.seq, again.seq]);
  });

  it('opens a second exception after the flag came back', () => {
    const { exceptions } = evaluate([off(), on(1), off(2)]);
    expect(exceptions.map(e => e.naturalKey)).toEqual([
      KEY,
      'flag-disable:component:default/checkout:new-checkout:off-2',
    ]);
  });

  it('accepts a fix naming the exception, but not one outside the pipeline', () => {
    const byId = deployment({
      deploymentId: 'FIX',
      fixes: { exceptionId: exceptionIdFor(KEY) },
      at: 1,
    });
    expect(evaluate([off(), byId]).exceptions[0].tasks[0].doneAt).toEqual(
      at(1),
    );
    const bypass = deployment({
      deploymentId: 'FIX',
      fixes: { flagKey: 'new-checkout' },
      viaPipeline: false,
      at: 1,
    });
    expect(evaluate([off(), bypass]).exceptions[0].tasks[0].doneAt).toBeNull();
  });

  it('verifies in staging by flag key, not by a production check', () => {
    const tasks = (v: ReturnType<typeof verification>) =>
      evaluate([off(), v]).exceptions[0].tasks[1].doneAt;
    expect(tasks(verification({ flagKey: 'new-checkout', at: 1 }))).toEqual(
      at(1),
    );
    expect(
      tasks(
        verification({
          flagKey: 'new-checkout',
          environment: 'production',
          at: 1,
        }),
      ),
    ).toBeNull();
    expect(
      tasks(
        verification({ flagKey: 'new-checkout', outcome: 'failed', at: 1 }),
      ),
    ).toBeNull();
  });

  it('is overdue once the deadline passes', () => {
    expect(evaluate([off()], { now: at(73) }).exceptions[0].status).toBe(
      'overdue',
    );
    expect(evaluate([off()], { now: at(72) }).exceptions[0].status).toBe(
      'open',
    );
  });
});
