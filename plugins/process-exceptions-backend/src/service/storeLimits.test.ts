import { createTestDatabases } from '../__testUtils__/databases';
import { startApi } from '../__testUtils__/testBackend';
import { randomOf } from '../rules/__testUtils__/randomLedger';

const databases = createTestDatabases();

type Random = ReturnType<typeof randomOf>;

/** One, two, three and four UTF-8 bytes; the last is two UTF-16 units. */
const CHARACTERS = ['a', 'é', '€', '漢', '𝄞'];

/** A string of exactly `length` UTF-16 units (what the schema counts). */
function text(random: Random, length: number): string {
  let s = '';
  while (s.length < length) {
    const c = random.pick(CHARACTERS);
    s += s.length + c.length <= length ? c : 'a';
  }
  return s;
}

/** An http(s) URL of the longest length the schema takes. */
const URL_AT_MAX = `https://example.com/${'p'.repeat(2028)}`;

const ENTITIES = [
  'component:default/payments',
  // Unknown to the catalog: kept unmapped, under its full-length subject.
  `component:default/${'n'.repeat(255 - 'component:default/'.length)}`,
];

/** The data of each event type, every field at its longest. */
const DATA: Record<string, (r: Random, shared: Shared) => object> = {
  'incident.opened': (r, s) => ({
    incidentId: s.incident,
    severity: 'P0',
    title: text(r, 2000),
    url: URL_AT_MAX,
  }),
  'incident.resolved': (_r, s) => ({ incidentId: s.incident, url: URL_AT_MAX }),
  'change.reviewed': (r, s) => ({
    changeId: s.change,
    reviewer: text(r, 255),
    role: text(r, 100),
    decision: 'approved',
    storyId: s.story,
    url: URL_AT_MAX,
  }),
  'change.merged': (_r, s) => ({
    changeId: s.change,
    url: URL_AT_MAX,
    storyId: s.story,
    approvals: 1000,
  }),
  'deployment.finished': (r, s) => ({
    deploymentId: text(r, 255),
    environment: 'production',
    outcome: 'succeeded',
    changeIds: [s.change, ...Array.from({ length: 99 }, () => text(r, 255))],
    viaPipeline: r.chance(0.5),
    pipelineRunUrl: URL_AT_MAX,
    labels: ['hotfix', ...Array.from({ length: 49 }, () => text(r, 100))],
    incidentId: s.incident,
    fixes: { exceptionId: text(r, 255), flagKey: s.flag },
    name: text(r, 255),
    reason: text(r, 2000),
  }),
  'flag.changed': (r, s) => ({
    flagKey: s.flag,
    environment: 'production',
    enabled: r.chance(0.5),
    planned: false,
    reason: text(r, 2000),
    url: URL_AT_MAX,
    name: text(r, 255),
  }),
  'verification.finished': (_r, s) => ({
    environment: 'staging',
    outcome: 'passed',
    changeIds: [s.change],
    flagKey: s.flag,
    url: URL_AT_MAX,
  }),
  'story.pulled': (r, s) => ({
    storyId: s.story,
    title: text(r, 500),
    url: URL_AT_MAX,
    gaps: Array.from({ length: 50 }, (_, i) => ({
      key: i === 0 ? s.gap : text(r, 255),
      description: text(r, 500),
    })),
    changeIds: [s.change],
    name: text(r, 255),
    reason: text(r, 2000),
  }),
  'gap.closed': (_r, s) => ({
    storyId: s.story,
    gapKey: s.gap,
    evidenceUrl: URL_AT_MAX,
  }),
  'backfill.completed': (r, s) => ({
    incidentId: s.incident,
    taskKey: text(r, 255),
    evidenceUrl: URL_AT_MAX,
  }),
};

/** Ids shared by the events of one stream, so the rules connect them. */
type Shared = Record<'incident' | 'change' | 'story' | 'flag' | 'gap', string>;

describe.each(databases.eachSupportedId())(
  'events at their maximum lengths on %p',
  databaseId => {
    it('stores every valid event at its longest, multi-byte included, and what it derives', async () => {
      const api = await startApi(databases, databaseId);
      const random = randomOf(2718);
      const types = Object.keys(DATA);
      let sent = 0;
      for (let stream = 0; stream < 3; stream++) {
        const shared: Shared = {
          incident: text(random, 255),
          change: text(random, 255),
          story: text(random, 255),
          flag: text(random, 255),
          gap: text(random, 255),
        };
        // Every type once, then random ones, each stream in a random order.
        const picked = [
          ...types,
          ...Array.from({ length: 6 }, () => random.pick(types)),
        ].sort(() => random.int(3) - 1);
        const events = picked.map((type, i) => ({
          id: `${stream}-${String(i).padStart(2, '0')}-${text(random, 249)}`,
          type,
          occurredAt: new Date(
            Date.now() - (picked.length - i) * 60_000,
          ).toISOString(),
          entityRef: random.chance(0.8) ? ENTITIES[0] : ENTITIES[1],
          actor: text(random, 255),
          data: DATA[type](random, shared),
        }));
        for (const event of events) {
          const res = await api.post(event);
          expect({ type: event.type, status: res.status }).toEqual({
            type: event.type,
            status: 201,
          });
        }
        sent += events.length;
        // The same stream again as one batch: recorded once.
        const again = await api.post({ events });
        expect(again.status).toBe(200);
      }
      expect(await api.ledgerCount()).toBe(sent);
      const exceptions = (
        await api.get(
          '/v1/exceptions?entityRef=component:default/payments&limit=100',
        )
      ).body.items;
      expect(exceptions.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['hotfix', 'partial-readiness']),
      );
      const story = exceptions.find(
        (e: { kind: string }) => e.kind === 'partial-readiness',
      );
      expect(story.tasks[0].title).toHaveLength(500);
      expect((await api.get('/v1/unmapped')).body.items.length).toBeGreaterThan(
        0,
      );
    }, 60_000);
  },
);
