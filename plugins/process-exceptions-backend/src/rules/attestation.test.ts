import { EventProvenance } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { DEFAULT_ATTESTATION } from '../policy/Policy';
import { attestedTime, refusalOf } from './attestation';
import {
  at,
  backfill,
  deployment,
  evaluate,
  flagChanged,
  gapClosed,
  incidentResolved,
  review,
  storyPulled,
  verification,
} from './__testUtils__/events';

const PIPELINE: EventProvenance = { kind: 'service', subject: 'ci' };
const TOPIC: EventProvenance = { kind: 'events-topic', topic: 'unleash' };
const UNSIGNED: EventProvenance = {
  kind: 'webhook',
  source: 'unleash',
  verification: 'unsigned',
};
const PERSON: EventProvenance = { kind: 'user', userRef: 'user:default/po' };
const MINUTE = 60_000;

describe('the time the rules use', () => {
  const policy = DEFAULT_ATTESTATION;

  it('is the sent time when a signature covers it, or from before provenance', () => {
    const signed = backfill({ at: -30, receivedAt: 0 });
    expect(attestedTime(policy, signed)).toEqual(at(-30));
    const old = backfill({
      at: -30,
      receivedAt: 0,
      provenance: { kind: 'pre-provenance' },
    });
    expect(attestedTime(policy, old)).toEqual(at(-30));
  });

  it('is held within the clock skew around the receipt otherwise, both ways', () => {
    const early = backfill({ at: -30, receivedAt: 0, provenance: PIPELINE });
    expect(attestedTime(policy, early)).toEqual(
      new Date(at(0).getTime() - 5 * MINUTE),
    );
    const ahead = incidentResolved({
      at: 3,
      receivedAt: 0,
      provenance: PIPELINE,
    });
    expect(attestedTime(policy, ahead)).toEqual(
      new Date(at(0).getTime() + 5 * MINUTE),
    );
    const close = review({ at: -0.05, receivedAt: 0, provenance: PIPELINE });
    expect(attestedTime(policy, close)).toEqual(at(-0.05));
  });

  it('allows an events relay its backlog, and a configured clock its own times', () => {
    const relayed = verification({ at: -1, receivedAt: 0, provenance: TOPIC });
    expect(attestedTime(policy, relayed)).toEqual(
      new Date(at(0).getTime() - 20 * MINUTE),
    );
    const imported = backfill({
      at: -300,
      receivedAt: 0,
      provenance: PIPELINE,
    });
    expect(
      attestedTime({ ...policy, trustedClocks: ['ci'] }, imported),
    ).toEqual(at(-300));
  });

  it('leaves the times of deployments, which start clocks against the sender', () => {
    const late = deployment({ at: -30, receivedAt: 0, provenance: PIPELINE });
    expect(attestedTime(policy, late)).toEqual(at(-30));
  });
});

describe('who may close a task', () => {
  it('follows the default table', () => {
    const policy = DEFAULT_ATTESTATION;
    expect(refusalOf(policy, 'brief-check', PERSON)).toBeNull();
    expect(refusalOf(policy, 'brief-check', TOPIC)).toBeNull();
    expect(refusalOf(policy, 'brief-check', PIPELINE)).toBe(
      'Not counted for brief-check: delivered by service token ci; the attestation policy lets only a person in the portal, a signed delivery close it.',
    );
    expect(refusalOf(policy, 'fix-deployed', PERSON)).toBeNull();
    expect(refusalOf(policy, 'fix-deployed', PIPELINE)).toBeNull();
    expect(refusalOf(policy, 'gap:copy', PIPELINE)).toBeNull();
    // An unsigned delivery (a development setting) closes nothing.
    expect(refusalOf(policy, 'full-review', UNSIGNED)).not.toBeNull();
  });

  it('names one service when the config does', () => {
    const policy = {
      ...DEFAULT_ATTESTATION,
      tasks: {
        ...DEFAULT_ATTESTATION.tasks,
        gaps: ['service:qa-bot' as const],
      },
    };
    expect(
      refusalOf(policy, 'gap:copy', { kind: 'service', subject: 'qa-bot' }),
    ).toBeNull();
    expect(refusalOf(policy, 'gap:copy', PIPELINE)).toMatch(
      /lets only service:qa-bot close it/,
    );
  });
});

describe('evidence the policy does not count', () => {
  it('keeps a flag re-enable on the timeline without closing its task', () => {
    const off = flagChanged({ externalId: 'off', at: 0 });
    const on = flagChanged({
      externalId: 'on',
      enabled: true,
      at: 2,
      receivedAt: 2,
      provenance: UNSIGNED,
    });
    const [exception] = evaluate([off, on], { now: at(3) }).exceptions;
    const task = exception.tasks.find(t => t.key === 'flag-re-enabled')!;
    expect(task.doneAt).toBeNull();
    expect(exception.eventSeqs).toContain(on.seq);
    expect(exception.notCounted).toEqual([
      {
        seq: on.seq,
        reason: expect.stringMatching(
          /^Not counted for flag-re-enabled: delivered by unleash webhook, unsigned/,
        ),
      },
    ]);
  });

  it('keeps a gap open when only an untrusted closure names it, and counts a later trusted one', () => {
    const pulled = storyPulled({
      gaps: [{ key: 'copy', description: 'Final copy' }],
      at: 0,
    });
    const untrusted = gapClosed({ at: 1, receivedAt: 1, provenance: UNSIGNED });
    const trusted = gapClosed({ at: 2, receivedAt: 2, provenance: PIPELINE });
    const [exception] = evaluate([pulled, untrusted, trusted], {
      now: at(3),
    }).exceptions;
    expect(exception.tasks[0].doneAt).toEqual(at(2));
    expect(exception.notCounted.map(n => n.seq)).toEqual([untrusted.seq]);
  });
});
