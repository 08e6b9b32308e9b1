import { ExampleService } from './exampleServices';

/** A v1 event as `POST /v1/events` takes it. */
export interface V1Event {
  id: string;
  type: string;
  occurredAt: string;
  entityRef?: string;
  actor?: string;
  data: Record<string, unknown>;
}

/** A small seeded generator (mulberry32), so a stream can be made again. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const PEOPLE = ['jane', 'omar', 'li', 'ana', 'sam', 'kofi', 'mei', 'ravi'];

/** A service the catalog does not know: its events are kept unmapped. */
export const UNKNOWN_SERVICE = 'component:default/legacy-billing';

export interface StreamOptions {
  /** Exactly this many events. */
  size: number;
  seed: number;
  /** Starts every id, so streams of one run never collide. */
  idPrefix: string;
  services: ExampleService[];
  /** The stream's events happen between these two times. */
  from: Date;
  to: Date;
  /** Share of scenarios about a service the catalog does not know. Default 0.01. */
  unknownShare?: number;
}

type Step = {
  type: string;
  /** Minutes after the scenario starts. */
  at: number;
  actor?: string;
  data: Record<string, unknown>;
};

/**
 * A realistic day-to-day stream across the given services: routine changes
 * with full review, under-reviewed and bypassing deployments, P0 hotfixes
 * and their backfills, emergency flag disables, stories pulled with named
 * gaps, and planned staging flag flips. Mostly in time order, with a few
 * events arriving late, as pipelines deliver them.
 */
export function generateStream(options: StreamOptions): V1Event[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const person = () => pick(PEOPLE);
  const events: Array<V1Event & { t: number }> = [];
  const from = options.from.getTime();
  const span = options.to.getTime() - from;
  // Room for the longest scenario (about two days) before `to`.
  const startSpan = Math.max(span - 3 * 24 * 60 * MINUTE, MINUTE);
  const unknownShare = options.unknownShare ?? 0.01;

  let n = 0;
  while (events.length < options.size) {
    n += 1;
    const key = `${options.idPrefix}-${n}`;
    const entityRef = chance(unknownShare)
      ? UNKNOWN_SERVICE
      : pick(options.services).entityRef;
    const start = from + Math.floor(random() * startSpan);
    const steps = scenario(key, { pick, chance, person, random });
    steps.forEach((step, i) => {
      events.push({
        id: `${key}-${i + 1}`,
        type: step.type,
        occurredAt: new Date(start + step.at * MINUTE).toISOString(),
        entityRef,
        ...(step.actor ? { actor: `user:default/${step.actor}` } : {}),
        data: step.data,
        t: start + step.at * MINUTE,
      });
    });
  }

  events.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
  // A few deliveries arrive late: swap neighbours now and then.
  for (let i = 1; i < events.length; i++) {
    if (chance(0.05)) [events[i - 1], events[i]] = [events[i], events[i - 1]];
  }
  return events.slice(0, options.size).map(({ t: _t, ...e }) => e);
}

function scenario(
  key: string,
  r: {
    pick: <T>(items: readonly T[]) => T;
    chance: (p: number) => boolean;
    person: () => string;
    random: () => number;
  },
): Step[] {
  const roll = r.random();
  const change = `pr-${key}`;
  const review = (at: number, role: string, decision = 'approved'): Step => {
    const reviewer = r.person();
    return {
      type: 'change.reviewed',
      at,
      actor: reviewer,
      data: { changeId: change, reviewer, role, decision },
    };
  };
  const deploy = (
    at: number,
    environment: string,
    extra: Record<string, unknown> = {},
  ): Step => ({
    type: 'deployment.finished',
    at,
    data: {
      deploymentId: `dep-${key}-${environment}`,
      environment,
      outcome: 'succeeded',
      changeIds: [change],
      pipelineRunUrl: `https://ci.example.com/runs/${key}-${environment}`,
      ...extra,
    },
  });

  if (roll < 0.4) {
    // Routine: three approvals, staging, verification, production.
    return [
      review(0, 'developer'),
      review(20, 'developer'),
      review(45, 'tech-lead'),
      {
        type: 'change.merged',
        at: 50,
        data: { changeId: change, approvals: 3 },
      },
      deploy(70, 'staging'),
      {
        type: 'verification.finished',
        at: 95,
        data: {
          environment: 'staging',
          outcome: 'passed',
          changeIds: [change],
        },
      },
      deploy(130, 'production'),
    ];
  }
  if (roll < 0.5) {
    // Under-reviewed: production with fewer than three approvals.
    const steps = [review(0, 'developer')];
    if (r.chance(0.5)) steps.push(review(15, 'tech-lead'));
    steps.push(
      {
        type: 'change.merged',
        at: 30,
        data: { changeId: change, approvals: steps.length },
      },
      deploy(60, 'production'),
    );
    return steps;
  }
  if (roll < 0.55) {
    // Bypass: a fully reviewed change deployed by hand.
    return [
      review(0, 'developer'),
      review(10, 'developer', r.chance(0.3) ? 'changes_requested' : 'approved'),
      review(20, 'tech-lead'),
      deploy(40, 'production', {
        viaPipeline: false,
        reason: 'Pipeline runner down',
      }),
    ];
  }
  if (roll < 0.7) {
    // P0 hotfix and its backfill.
    const incidentId = `INC-${key}`;
    const steps: Step[] = [
      {
        type: 'incident.opened',
        at: 0,
        data: { incidentId, severity: 'P0', title: 'Card payments failing' },
      },
      review(15, 'tech-lead'),
    ];
    if (r.chance(0.6)) steps.push(review(20, 'developer'));
    steps.push(deploy(30, 'production', { labels: ['hotfix'], incidentId }));
    if (r.chance(0.85)) {
      steps.push({ type: 'incident.resolved', at: 60, data: { incidentId } });
    }
    if (r.chance(0.7)) steps.push(review(600, 'developer'));
    for (const [role, at] of [
      ['product-owner', 900],
      ['qa', 1100],
      ['designer', 1300],
    ] as const) {
      if (r.chance(0.6)) steps.push(review(at, role));
    }
    if (r.chance(0.3)) {
      steps.push({
        type: 'backfill.completed',
        at: 1500,
        actor: r.person(),
        data: {
          incidentId,
          taskKey: 'design-check',
          evidenceUrl: `https://design.example.com/${key}`,
        },
      });
    }
    return steps;
  }
  if (roll < 0.85) {
    // Emergency flag disable, the fix, staging, re-enable.
    const flagKey = `flag-${key}`;
    const steps: Step[] = [
      {
        type: 'flag.changed',
        at: 0,
        actor: r.person(),
        data: {
          flagKey,
          environment: 'production',
          enabled: false,
          reason: 'Errors after release',
        },
      },
    ];
    const fixed = r.chance(0.75);
    const verified = fixed && r.chance(0.8);
    if (fixed) {
      steps.push(deploy(300, 'production', { fixes: { flagKey } }));
    }
    if (verified) {
      steps.push({
        type: 'verification.finished',
        at: 600,
        data: { environment: 'staging', outcome: 'passed', flagKey },
      });
    }
    if (r.chance(0.75)) {
      steps.push({
        type: 'flag.changed',
        // Sometimes re-enabled before staging passed: a finding.
        at: r.chance(0.2) ? 200 : 900,
        actor: r.person(),
        data: { flagKey, environment: 'production', enabled: true },
      });
    }
    return steps;
  }
  if (roll < 0.95) {
    // A story pulled with named gaps.
    const storyId = `ST-${key}`;
    const gaps = ['copy', 'design', 'analytics'].slice(
      0,
      1 + Math.floor(r.random() * 3),
    );
    const steps: Step[] = [
      {
        type: 'story.pulled',
        at: 0,
        actor: r.person(),
        data: {
          storyId,
          title: `Story ${key}`,
          gaps: gaps.map(g => ({ key: g, description: `Missing ${g}` })),
          changeIds: [change],
        },
      },
    ];
    let at = 120;
    for (const g of gaps) {
      if (r.chance(0.7)) {
        steps.push({
          type: 'gap.closed',
          at,
          data: {
            storyId,
            gapKey: g,
            evidenceUrl: `https://tracker.example.com/${storyId}/${g}`,
          },
        });
      }
      at += 240;
    }
    steps.push(review(at, 'developer'), review(at + 10, 'developer'));
    steps.push(review(at + 20, 'tech-lead'));
    steps.push({
      type: 'change.merged',
      // Sometimes merged while a gap is still open: a finding.
      at: r.chance(0.3) ? 60 : at + 30,
      data: { changeId: change, storyId, approvals: 3 },
    });
    return steps;
  }
  // Planned flag flips in staging: no exception.
  const flagKey = `staging-flag-${key}`;
  return [
    {
      type: 'flag.changed',
      at: 0,
      data: { flagKey, environment: 'staging', enabled: false, planned: true },
    },
    {
      type: 'flag.changed',
      at: 90,
      data: { flagKey, environment: 'staging', enabled: true, planned: true },
    },
  ];
}
