import { adaptFlagsmith, hashBody } from './flagsmith';
import {
  fixture,
  fixtureNames,
  fixtureText,
  schemaProblems,
} from './__testUtils__/fixtures';

const path = (name: string) => `flagsmith/${name}.json`;

describe('hashBody', () => {
  it('is the SHA-256 hex of the bytes, for strings and buffers alike', () => {
    const abc =
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(hashBody('abc')).toBe(abc);
    expect(hashBody(Buffer.from('abc'))).toBe(abc);
  });
});

describe('adaptFlagsmith', () => {
  it('has a test for every fixture', () => {
    expect(fixtureNames('flagsmith')).toEqual([
      'feature-created.json',
      'flag-turned-off.json',
      'identity-override.json',
      'segment-override.json',
      'value-changed.json',
    ]);
  });

  it('turns an environment-wide switch-off into flag.changed', () => {
    const raw = fixtureText(path('flag-turned-off'));
    const result = adaptFlagsmith(JSON.parse(raw), {}, Buffer.from(raw));
    expect(schemaProblems(result)).toEqual([]);
    expect(result).toEqual({
      kind: 'events',
      events: [
        {
          externalId: hashBody(raw),
          type: 'flag.changed',
          occurredAt: new Date('2024-06-10T09:12:45.123Z'),
          subject: 'flagsmith:12/new_checkout',
          actor: 'Ariel Flores',
          data: {
            flagKey: 'new_checkout',
            environment: 'production',
            enabled: false,
            planned: false,
          },
        },
      ],
    });
  });

  it('hashes the re-serialised payload when it has no raw body', () => {
    const payload = fixture(path('flag-turned-off'));
    const result = adaptFlagsmith(payload, {});
    expect(result.kind === 'events' && result.events[0].externalId).toBe(
      hashBody(JSON.stringify(payload)),
    );
  });

  it.each([
    ['value-changed', 'the flag was not turned on or off'],
    ['identity-override', 'an identity or segment override'],
    ['segment-override', 'an identity or segment override'],
    ['feature-created', 'a new feature was created'],
  ])('ignores %s', (name, reason) => {
    const raw = fixtureText(path(name));
    expect(adaptFlagsmith(JSON.parse(raw), {}, raw)).toEqual({
      kind: 'ignored',
      externalId: hashBody(raw),
      eventName: 'FLAG_UPDATED',
      reason: expect.stringContaining(reason),
    });
  });

  it('reads a project given as a bare id', () => {
    const payload = fixture(path('flag-turned-off'));
    payload.data.new_state.feature.project = 12;
    const result = adaptFlagsmith(payload, {});
    expect(result.kind === 'events' && result.events[0].subject).toBe(
      'flagsmith:12/new_checkout',
    );
  });

  it('rejects a flip whose environment has no name', () => {
    const payload = fixture(path('flag-turned-off'));
    payload.data.new_state.environment = 23;
    expect(() => adaptFlagsmith(payload, {})).toThrow(
      'data.new_state.environment.name is required',
    );
  });

  it('ignores other event types and rejects a payload without data', () => {
    expect(adaptFlagsmith({ event_type: 'FLAG_DELETED' }, {}).kind).toBe(
      'ignored',
    );
    expect(() => adaptFlagsmith({ event_type: 'FLAG_UPDATED' }, {})).toThrow(
      'data is required',
    );
    expect(() => adaptFlagsmith({}, {})).toThrow('event_type is required');
  });
});
