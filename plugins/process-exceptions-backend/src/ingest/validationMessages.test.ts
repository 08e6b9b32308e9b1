import { exceptionListQuery, parse } from '../service/queries';
import { parseEventsBody } from './parseEvents';

const deployment = (data: object = {}, envelope: object = {}) => ({
  id: 'd-1',
  type: 'deployment.finished',
  occurredAt: '2026-01-10T10:00:00Z',
  data: {
    deploymentId: 'd-1',
    environment: 'production',
    outcome: 'succeeded',
    ...data,
  },
  ...envelope,
});

function messageOf(body: unknown): string {
  try {
    parseEventsBody(body);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('validation messages', () => {
  const cases: Array<[unknown, string]> = [
    [deployment({}, { id: undefined }), 'id: Required'],
    [deployment({}, { id: 42 }), 'id: Expected string, received number'],
    [deployment({}, { id: null }), 'id: Expected string, received null'],
    [
      deployment({}, { id: 'x'.repeat(256) }),
      'id: String must contain at most 255 character(s)',
    ],
    [
      deployment({}, { id: '  ' }),
      'id: String must contain at least 1 character(s)',
    ],
    [deployment({}, { data: [] }), 'data: Expected object, received array'],
    [
      deployment({ labels: Array(51).fill('x') }),
      'data.labels: Array must contain at most 50 element(s)',
    ],
    [
      deployment({ outcome: 'exploded' }),
      "data.outcome: Invalid enum value. Expected 'succeeded' | 'failed', received 'exploded'",
    ],
    [
      deployment({ outcome: 3 }),
      "data.outcome: Expected 'succeeded' | 'failed', received number",
    ],
    [
      deployment({ pipelineRunUrl: 'not a url' }),
      'data.pipelineRunUrl: Invalid url; data.pipelineRunUrl: must be an http(s) URL',
    ],
    [
      deployment({}, { occurredAt: '2026-02-29T10:00:00Z' }),
      'occurredAt: Invalid datetime',
    ],
    [
      {
        ...deployment(),
        type: 'change.merged',
        data: { changeId: 'c', approvals: 1.5 },
      },
      'data.approvals: Expected integer, received float',
    ],
    [
      {
        ...deployment(),
        type: 'change.merged',
        data: { changeId: 'c', approvals: 1001 },
      },
      'data.approvals: Number must be less than or equal to 1000',
    ],
    [
      {
        ...deployment(),
        type: 'change.merged',
        data: { changeId: 'c', approvals: -1 },
      },
      'data.approvals: Number must be greater than or equal to 0',
    ],
    [{ events: 'none' }, 'events: Expected array, received string'],
  ];
  it.each(cases.map(([body, message]) => [message, body]))(
    'words the problem as zod 3 did: %s',
    (message, body) => {
      expect(messageOf(body)).toBe(message);
    },
  );

  it('accepts a leap day and a zone written without a colon', () => {
    const events = parseEventsBody({
      events: [
        deployment({}, { id: 'a', occurredAt: '2024-02-29T10:00:00Z' }),
        deployment({}, { id: 'b', occurredAt: '2026-01-10T10:00:00+0200' }),
      ],
    });
    expect(events.map(e => e.occurredAt)).toEqual([
      '2024-02-29T10:00:00.000Z',
      '2026-01-10T08:00:00.000Z',
    ]);
  });

  it('names unknown query parameters', () => {
    expect(() => parse(exceptionListQuery, { sort: 'x' }, 'query')).toThrow(
      "query: Unrecognized key(s) in object: 'sort'",
    );
  });
});
