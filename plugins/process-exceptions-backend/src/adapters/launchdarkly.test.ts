import { adaptLaunchDarkly } from './launchdarkly';
import {
  fixture,
  fixtureNames,
  schemaProblems,
} from './__testUtils__/fixtures';

const load = (name: string) => fixture(`launchdarkly/${name}.json`);

describe('adaptLaunchDarkly', () => {
  it('has a test for every fixture', () => {
    expect(fixtureNames('launchdarkly')).toEqual([
      'flag-rules-changed.json',
      'flag-turned-off-production.json',
      'flag-turned-on-two-environments.json',
      'project-renamed.json',
    ]);
  });

  it('turns a flag off in the one environment that flipped', () => {
    const result = adaptLaunchDarkly(load('flag-turned-off-production'), {});
    expect(schemaProblems(result)).toEqual([]);
    expect(result).toEqual({
      kind: 'events',
      events: [
        {
          externalId: '66670b8d1f0a2c0012345678',
          type: 'flag.changed',
          occurredAt: new Date(1718010765123),
          subject: 'launchdarkly:payments/new-checkout',
          actor: 'ariel@acme.com',
          data: {
            flagKey: 'new-checkout',
            environment: 'production',
            enabled: false,
            planned: false,
            reason: 'Checkout errors since 09:40, INC-481',
          },
        },
      ],
    });
  });

  it('gives each flipped environment its own id', () => {
    const result = adaptLaunchDarkly(
      load('flag-turned-on-two-environments'),
      {},
    );
    expect(schemaProblems(result)).toEqual([]);
    expect(result.kind === 'events' && result.events).toEqual([
      expect.objectContaining({
        externalId: '6667a1c41f0a2c0012349999:production',
        data: {
          flagKey: 'new-checkout',
          environment: 'production',
          enabled: true,
          planned: false,
        },
      }),
      expect.objectContaining({
        externalId: '6667a1c41f0a2c0012349999:staging',
        data: {
          flagKey: 'new-checkout',
          environment: 'staging',
          enabled: true,
          planned: false,
        },
      }),
    ]);
  });

  it('ignores a flag change that turned nothing on or off', () => {
    expect(adaptLaunchDarkly(load('flag-rules-changed'), {})).toEqual({
      kind: 'ignored',
      externalId: '6667b2d51f0a2c001234aaaa',
      eventName: 'flag.updateRules',
      reason: 'the flag was not turned on or off',
    });
  });

  it('ignores changes to anything but flags', () => {
    expect(adaptLaunchDarkly(load('project-renamed'), {})).toEqual({
      kind: 'ignored',
      externalId: '6667c3e61f0a2c001234bbbb',
      eventName: 'project.updateProjectName',
      reason: 'a project change is not a flag change',
    });
  });

  it('ignores a new flag, which has no previous version', () => {
    const payload = load('flag-turned-off-production');
    delete payload.previousVersion;
    expect(adaptLaunchDarkly(payload, {}).kind).toBe('ignored');
  });

  it('finds the project and flag in _links.canonical without accesses', () => {
    const payload = load('flag-turned-off-production');
    delete payload.accesses;
    delete payload.currentVersion.key;
    const result = adaptLaunchDarkly(payload, {});
    expect(result.kind === 'events' && result.events[0]).toMatchObject({
      subject: 'launchdarkly:payments/new-checkout',
      data: { flagKey: 'new-checkout' },
    });
  });

  it('rejects a flip whose project cannot be found', () => {
    const payload = load('flag-turned-off-production');
    delete payload.accesses;
    delete payload._links.canonical;
    expect(() => adaptLaunchDarkly(payload, {})).toThrow(
      'accesses[].resource (proj/<project>:env/<env>:flag/<flag>) or _links.canonical.href must name the project',
    );
  });

  it('rejects a payload without an id or a valid date', () => {
    const payload = load('flag-turned-off-production');
    payload.date = 'soon';
    expect(() => adaptLaunchDarkly(payload, {})).toThrow(
      'date must be an ISO 8601 time or epoch milliseconds',
    );
    delete payload._id;
    expect(() => adaptLaunchDarkly(payload, {})).toThrow('_id is required');
  });
});
