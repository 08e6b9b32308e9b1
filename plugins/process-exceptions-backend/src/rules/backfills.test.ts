import {
  approvals,
  at,
  backfill,
  deployment,
  evaluate,
  incidentOpened,
  incidentResolved,
  recorded,
  review,
} from './__testUtils__/events';
import { exceptionIdFor } from './ids';

const HOTFIX = 'hotfix:component:default/checkout:D-1';
const hotfixId = exceptionIdFor(HOTFIX);
const hotfix = () => deployment({ labels: ['hotfix'] });
const allTasks = (
  hours: number,
  target: { exceptionId?: string; incidentId?: string },
) =>
  ['full-review', 'brief-check', 'qa-scenario', 'design-check'].map(taskKey =>
    backfill({ ...target, taskKey, at: hours }),
  );

describe('backfills', () => {
  it('closes the named task of the named exception', () => {
    const { exceptions } = evaluate([
      hotfix(),
      backfill({
        exceptionId: hotfixId,
        taskKey: 'qa-scenario',
        evidenceUrl: 'https://tests/1',
        actor: 'qa',
        at: 3,
      }),
    ]);
    expect(exceptions[0].tasks[2]).toMatchObject({
      doneAt: at(3),
      doneBy: 'qa',
      evidenceUrl: 'https://tests/1',
    });
  });

  it('reaches a hotfix through its incident', () => {
    const { exceptions } = evaluate([
      incidentOpened({ at: -1 }),
      deployment({ incidentId: 'INC-1' }),
      backfill({ incidentId: 'INC-1', taskKey: 'design-check', at: 2 }),
    ]);
    expect(exceptions[0].tasks[3].doneAt).toEqual(at(2));
  });

  it('ignores unknown task keys and exceptions', () => {
    const { exceptions } = evaluate([
      hotfix(),
      backfill({ exceptionId: hotfixId, taskKey: 'nope' }),
      backfill({
        exceptionId: exceptionIdFor('other'),
        taskKey: 'qa-scenario',
      }),
    ]);
    expect(exceptions[0].tasks.every(t => t.doneAt === null)).toBe(true);
    expect(exceptions[0].eventSeqs).toHaveLength(1);
  });

  it('keeps the earlier completion', () => {
    const tasks = evaluate([
      ...approvals(['tech-lead', 'b']),
      hotfix(),
      review({ reviewer: 'c', at: 2 }),
      backfill({ exceptionId: hotfixId, taskKey: 'full-review', at: 5 }),
      review({ reviewer: 'po', role: 'product-owner', at: 6 }),
      backfill({ exceptionId: hotfixId, taskKey: 'brief-check', at: 4 }),
    ]).exceptions[0].tasks;
    expect(tasks[0].doneAt).toEqual(at(2));
    expect(tasks[1].doneAt).toEqual(at(4));
  });

  it('marks an exception backfilled on time', () => {
    const state = evaluate(
      [hotfix(), ...allTasks(20, { exceptionId: hotfixId })],
      { now: at(50) },
    );
    expect(state.exceptions[0]).toMatchObject({
      status: 'backfilled',
      backfilledAt: at(20),
      backfilledOnTime: true,
    });
  });

  it('marks a late backfill as not on time', () => {
    const state = evaluate(
      [hotfix(), ...allTasks(30, { exceptionId: hotfixId })],
      { now: at(50) },
    );
    expect(state.exceptions[0]).toMatchObject({
      status: 'backfilled',
      backfilledAt: at(30),
      backfilledOnTime: false,
    });
  });

  it('is overdue at a now past the deadline, open before', () => {
    expect(evaluate([hotfix()], { now: at(25) }).exceptions[0]).toMatchObject({
      status: 'overdue',
      backfilledAt: null,
      backfilledOnTime: null,
    });
    expect(evaluate([hotfix()], { now: at(23) }).exceptions[0].status).toBe(
      'open',
    );
  });

  it('never makes an exception without a deadline overdue', () => {
    const events = [
      incidentOpened({ at: -1 }),
      deployment({ incidentId: 'INC-1' }),
    ];
    expect(evaluate(events, { now: at(1000) }).exceptions[0].status).toBe(
      'open',
    );
    const backfilled = evaluate([
      ...events,
      ...allTasks(500, { incidentId: 'INC-1' }),
    ]).exceptions[0];
    expect(backfilled.backfilledOnTime).toBe(true);
    const resolved = evaluate([
      ...events,
      incidentResolved({ at: 100 }),
      ...allTasks(500, { incidentId: 'INC-1' }),
    ]).exceptions[0];
    expect(resolved.backfilledOnTime).toBe(false);
  });

  it('closes tasks of manual exceptions', () => {
    const manual = recorded({ externalId: 'm1', kind: 'partial-readiness' });
    const { exceptions } = evaluate([
      manual,
      backfill({
        exceptionId: exceptionIdFor('manual:component:default/checkout:m1'),
        taskKey: 'gap:retroactive',
        at: 1,
      }),
    ]);
    expect(exceptions[0].status).toBe('backfilled');
  });
});
