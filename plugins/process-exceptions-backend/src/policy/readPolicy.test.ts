import { ConfigReader } from '@backstage/config';
import { DEFAULT_POLICY } from './Policy';
import { readPolicy } from './readPolicy';

describe('readPolicy', () => {
  it("uses the handbook's values when nothing is configured", () => {
    expect(readPolicy(new ConfigReader({}))).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.confirmations).toBe(3);
    expect(DEFAULT_POLICY.hotfix.minApprovals).toBe(2);
    expect(DEFAULT_POLICY.hotfix.backfillHours).toBe(24);
  });

  it('overrides only the values that are configured', () => {
    const policy = readPolicy(
      new ConfigReader({
        processExceptions: {
          policies: {
            confirmations: 2,
            environments: { production: ['prod', 'production'] },
            hotfix: { labels: ['hotfix', 'p0-fix'] },
          },
        },
      }),
    );
    expect(policy.confirmations).toBe(2);
    expect(policy.environments).toEqual({
      production: ['prod', 'production'],
      staging: ['staging'],
    });
    expect(policy.hotfix).toEqual({
      ...DEFAULT_POLICY.hotfix,
      labels: ['hotfix', 'p0-fix'],
    });
  });

  it('rejects a value of the wrong type', () => {
    expect(() =>
      readPolicy(
        new ConfigReader({
          processExceptions: { policies: { confirmations: 'three' } },
        }),
      ),
    ).toThrow(/confirmations/);
  });
});
