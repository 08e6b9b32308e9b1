import { DerivedException, DerivedFinding, DerivedTask } from '../rules/types';
import { fingerprint } from './derivedRows';
import { sameException, sameFinding } from './sameDerived';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

const task: DerivedTask = {
  key: 'full-review',
  title: 'Full review: three confirmations',
  role: 'reviewer',
  dueAt: at(1),
  doneAt: null,
  doneBy: null,
  evidenceUrl: null,
};

const exception: DerivedException = {
  naturalKey: 'hotfix:component:default/payments:d-1',
  entityRef: 'component:default/payments',
  kind: 'hotfix',
  name: 'Hotfix for INC-42 on payments',
  reason: 'Checkout down',
  links: { incident: 'INC-42', changes: ['c-1'], deployment: 'd-1' },
  openedBy: 'user:default/jane',
  openedAt: at(0),
  deadline: at(60),
  status: 'open',
  backfilledAt: null,
  backfilledOnTime: null,
  tasks: [task],
  eventSeqs: [1, 2],
};

const finding: DerivedFinding = {
  naturalKey: 'abbreviated-review:component:default/payments:d-1',
  rule: 'abbreviated-review-below-minimum',
  entityRef: 'component:default/payments',
  message: 'Hotfix deployment d-1 reached production with 1 approval(s)',
  eventSeqs: [2],
  detectedAt: at(0),
  acknowledgedAt: null,
  acknowledgedBy: null,
  exceptionKey: null,
};

/** A different value for every field; a field missing here fails the test. */
const changedExceptionFields: {
  [K in keyof DerivedException]-?: DerivedException[K];
} = {
  naturalKey: 'hotfix:component:default/payments:d-2',
  entityRef: 'component:default/cart',
  kind: 'flag-disable',
  name: 'Another name',
  reason: 'Another reason',
  links: { incident: 'INC-42', changes: ['c-1', 'c-2'], deployment: 'd-1' },
  openedBy: null,
  openedAt: at(1),
  deadline: null,
  status: 'overdue',
  backfilledAt: at(2),
  backfilledOnTime: false,
  tasks: [{ ...task, doneAt: at(3) }],
  eventSeqs: [1, 2, 3],
};

const changedFindingFields: {
  [K in keyof DerivedFinding]-?: DerivedFinding[K];
} = {
  naturalKey: 'abbreviated-review:component:default/payments:d-2',
  rule: 'pipeline-bypassed',
  entityRef: 'component:default/cart',
  message: 'Another message',
  eventSeqs: [2, 5],
  detectedAt: at(9),
  acknowledgedAt: at(10),
  acknowledgedBy: 'user:default/jane',
  exceptionKey: 'manual:component:default/payments:x',
};

const changedTaskFields: { [K in keyof DerivedTask]-?: DerivedTask[K] } = {
  key: 'brief-check',
  title: 'Another title',
  role: 'qa',
  dueAt: at(2),
  doneAt: at(3),
  doneBy: 'user:default/bo',
  evidenceUrl: 'https://example.com/evidence',
};

describe('sameException and sameFinding', () => {
  it('take equal values built apart, in any key order, as the same', () => {
    const copy: DerivedException = JSON.parse(JSON.stringify(exception));
    const rebuilt = {
      ...copy,
      openedAt: at(0),
      deadline: at(60),
      links: { deployment: 'd-1', changes: ['c-1'], incident: 'INC-42' },
      tasks: [{ ...task, dueAt: at(1) }],
    };
    expect(sameException(exception, rebuilt)).toBe(true);
    expect(sameFinding(finding, { ...finding, detectedAt: at(0) })).toBe(true);
  });

  it('tell apart values that differ in any one field, as their fingerprints do', () => {
    for (const [key, value] of Object.entries(changedExceptionFields)) {
      const changed = { ...exception, [key]: value };
      expect([key, sameException(exception, changed)]).toEqual([key, false]);
      expect(fingerprint(changed)).not.toBe(fingerprint(exception));
    }
    for (const [key, value] of Object.entries(changedTaskFields)) {
      const changed = { ...exception, tasks: [{ ...task, [key]: value }] };
      expect([key, sameException(exception, changed)]).toEqual([key, false]);
    }
    for (const [key, value] of Object.entries(changedFindingFields)) {
      const changed = { ...finding, [key]: value };
      expect([key, sameFinding(finding, changed)]).toEqual([key, false]);
    }
    // A link present in one only.
    const unlinked = { ...exception, links: { incident: 'INC-42' } };
    expect(sameException(exception, unlinked)).toBe(false);
    expect(sameException(unlinked, exception)).toBe(false);
  });

  it('takes a link set to undefined as missing, as JSON does', () => {
    const links = { ...exception.links, flag: undefined };
    expect(sameException(exception, { ...exception, links })).toBe(true);
    expect(sameException({ ...exception, links }, exception)).toBe(true);
    expect(fingerprint({ ...exception, links })).toBe(fingerprint(exception));
  });
});
