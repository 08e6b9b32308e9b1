import { adaptUnleash } from './unleash';
import {
  fixture,
  fixtureNames,
  schemaProblems,
} from './__testUtils__/fixtures';

const load = (name: string) => fixture(`unleash/${name}.json`);

describe('adaptUnleash', () => {
  it('has a test for every fixture', () => {
    expect(fixtureNames('unleash')).toEqual([
      'feature-environment-disabled.json',
      'feature-environment-enabled.json',
      'feature-strategy-update.json',
    ]);
  });

  it.each([
    [
      'feature-environment-disabled',
      '48213',
      false,
      '2024-06-10T09:12:45.123Z',
    ],
    ['feature-environment-enabled', '48377', true, '2024-06-11T14:03:10.500Z'],
  ])('turns %s into flag.changed', (name, id, enabled, time) => {
    const result = adaptUnleash(load(name), {});
    expect(schemaProblems(result)).toEqual([]);
    expect(result).toEqual({
      kind: 'events',
      events: [
        {
          externalId: id,
          type: 'flag.changed',
          occurredAt: new Date(time),
          subject: 'unleash:payments/new-checkout',
          actor: 'ariel@acme.com',
          data: {
            flagKey: 'new-checkout',
            environment: 'production',
            enabled,
            planned: false,
          },
        },
      ],
    });
  });

  it('ignores other event types', () => {
    expect(adaptUnleash(load('feature-strategy-update'), {})).toEqual({
      kind: 'ignored',
      externalId: '48390',
      eventName: 'feature-strategy-update',
      reason: 'feature-strategy-update does not turn a feature on or off',
    });
  });

  it('does not mistake inherited names for event types', () => {
    const payload = { ...load('feature-strategy-update'), type: 'constructor' };
    expect(adaptUnleash(payload, {}).kind).toBe('ignored');
  });

  it('rejects an on/off event that lacks a field, naming it', () => {
    const payload = load('feature-environment-disabled');
    delete payload.environment;
    expect(() => adaptUnleash(payload, {})).toThrow('environment is required');
    delete payload.id;
    expect(() => adaptUnleash(payload, {})).toThrow('id is required');
  });
});
