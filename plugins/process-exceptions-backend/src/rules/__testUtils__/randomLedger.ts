import { exceptionIdFor, findingIdFor } from '../ids';
import { naturalKeys } from '../naturalKeys';
import { LedgerEvent } from '../types';
import { SIGNED } from './events';

export const T0 = Date.parse('2025-03-03T09:00:00.000Z');
/** After every deadline a random ledger sets. */
export const NOW = new Date(T0 + 30 * 24 * 3_600_000);

/** A small linear congruential generator: the same stream for a seed. */
export function randomOf(seed: number) {
  let state = seed % 2147483647 || 1;
  const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof randomOf>;

const pool = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
const DEPLOYMENTS = pool('D', 8);
const CHANGES = pool('PR', 8);
const INCIDENTS = pool('INC', 3);
const FLAGS = pool('flag', 3);
const STORIES = pool('ST', 3);
const REVIEWERS = pool('rev', 4);
const ROLES = ['tech-lead', 'developer', 'product-owner', 'qa', 'designer'];

/**
 * A random ledger of one service: every event type, ids drawn from small
 * pools so that events collide, times in any order, and acknowledgements and
 * backfills naming ids the other events can open.
 */
export function randomLedger(random: Random, entityRef: string, size: number) {
  const events: LedgerEvent[] = [];
  let seq = 0;
  const push = (type: string, data: unknown) => {
    seq += 1;
    const occurredAt = new Date(T0 + random.int(200) * 3_600_000);
    events.push({
      seq,
      externalId: `${entityRef}-e${seq}`,
      type,
      occurredAt,
      receivedAt: occurredAt,
      provenance: SIGNED,
      actor: random.pick(REVIEWERS),
      entityRef,
      data,
    } as LedgerEvent);
  };
  const changes = () => CHANGES.filter(() => random.chance(0.25)).slice(0, 3);
  const makers = [
    () =>
      push('incident.opened', {
        incidentId: random.pick(INCIDENTS),
        severity: random.pick(['P0', 'P1']),
        title: 'Checkout down',
      }),
    () => push('incident.resolved', { incidentId: random.pick(INCIDENTS) }),
    () =>
      push('change.reviewed', {
        changeId: random.pick(CHANGES),
        reviewer: random.pick(REVIEWERS),
        role: random.pick(ROLES),
        decision: random.pick(['approved', 'approved', 'changes_requested']),
        ...(random.chance(0.2) ? { storyId: random.pick(STORIES) } : {}),
      }),
    () =>
      push('change.merged', {
        changeId: random.pick(CHANGES),
        ...(random.chance(0.3) ? { approvals: random.int(4) } : {}),
        ...(random.chance(0.3) ? { storyId: random.pick(STORIES) } : {}),
      }),
    () =>
      push('deployment.finished', {
        deploymentId: random.pick(DEPLOYMENTS),
        environment: random.pick(['production', 'production', 'staging']),
        outcome: random.chance(0.85) ? 'succeeded' : 'failed',
        changeIds: changes(),
        ...(random.chance(0.15) ? { viaPipeline: false } : {}),
        ...(random.chance(0.3) ? { labels: ['hotfix'] } : {}),
        ...(random.chance(0.4) ? { incidentId: random.pick(INCIDENTS) } : {}),
        ...(random.chance(0.2)
          ? { fixes: { flagKey: random.pick(FLAGS) } }
          : {}),
      }),
    () =>
      push('flag.changed', {
        flagKey: random.pick(FLAGS),
        environment: random.pick(['production', 'production', 'staging']),
        enabled: random.chance(0.5),
        ...(random.chance(0.1) ? { planned: true } : {}),
      }),
    () =>
      push('verification.finished', {
        environment: random.pick(['staging', 'production']),
        outcome: random.chance(0.8) ? 'passed' : 'failed',
        ...(random.chance(0.5)
          ? { flagKey: random.pick(FLAGS) }
          : { changeIds: changes() }),
      }),
    () =>
      push('story.pulled', {
        storyId: random.pick(STORIES),
        title: 'Saved carts',
        gaps: random.chance(0.7)
          ? [{ key: random.pick(['copy', 'qa', 'design']), description: 'x' }]
          : [],
        changeIds: changes(),
      }),
    () =>
      push('gap.closed', {
        storyId: random.pick(STORIES),
        gapKey: random.pick(['copy', 'qa', 'design']),
      }),
    () =>
      push('exception.recorded', {
        kind: random.pick(['hotfix', 'flag-disable', 'partial-readiness']),
        name: 'Recorded by hand',
        reason: 'Because',
        ...(random.chance(0.5)
          ? { links: { incident: random.pick(INCIDENTS) } }
          : {}),
      }),
  ];
  for (let i = 0; i < size; i++) random.pick(makers)();

  // Ids that the events so far can open, for references to name.
  const deployment = () => random.pick(DEPLOYMENTS);
  const flagEvents = events.filter(e => e.type === 'flag.changed');
  const findingKeys = [
    () => naturalKeys.abbreviatedReview(entityRef, deployment()),
    () => naturalKeys.pipelineBypassed(entityRef, deployment()),
    () => naturalKeys.unrecordedException(entityRef, deployment()),
    () =>
      naturalKeys.mergedWithOpenGap(
        entityRef,
        random.pick(STORIES),
        random.pick(CHANGES),
      ),
    ...flagEvents.map(
      e => () =>
        naturalKeys.reEnabledBeforeStaging(
          entityRef,
          (e.data as { flagKey: string }).flagKey,
          e.externalId,
        ),
    ),
  ];
  const exceptionKeys = [
    () => naturalKeys.hotfix(entityRef, deployment()),
    () => naturalKeys.partialReadiness(entityRef, random.pick(STORIES)),
    ...events.map(e => () => naturalKeys.recorded(entityRef, e.externalId)),
    ...flagEvents.map(
      e => () =>
        naturalKeys.flagDisable(
          entityRef,
          (e.data as { flagKey: string }).flagKey,
          e.externalId,
        ),
    ),
  ];
  const references = size / 4;
  for (let i = 0; i < references; i++) {
    const findingId = findingIdFor(random.pick(findingKeys)());
    if (random.chance(0.4)) {
      push('finding.acknowledged', {
        findingId,
        name: 'Retroactive',
        reason: 'We forgot',
      });
    } else if (random.chance(0.3)) {
      push('deployment.finished', {
        deploymentId: `fix-${i}`,
        environment: 'production',
        outcome: 'succeeded',
        changeIds: changes(),
        fixes: { exceptionId: exceptionIdFor(random.pick(exceptionKeys)()) },
      });
    } else {
      const byIncident = random.chance(0.3);
      const acknowledgement = naturalKeys.acknowledgement(entityRef, findingId);
      push('backfill.completed', {
        taskKey: random.pick([
          'full-review',
          'brief-check',
          'fix-deployed',
          'gap:copy',
          'retroactive-gap',
        ]),
        ...(byIncident
          ? { incidentId: random.pick(INCIDENTS) }
          : {
              exceptionId: exceptionIdFor(
                random.chance(0.2)
                  ? acknowledgement
                  : random.pick(exceptionKeys)(),
              ),
            }),
      });
    }
  }
  return events;
}
