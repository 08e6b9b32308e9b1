import { ConfigReader } from '@backstage/config';
import { environmentMatcher } from './environmentPatterns';
import { readPolicy } from './readPolicy';
import { DEFAULT_POLICY } from './Policy';
import { deployment, evaluate } from '../rules/__testUtils__/events';

describe('environment patterns', () => {
  it('matches exact names, globs and regular expressions, ignoring case', () => {
    const production = environmentMatcher([
      'production',
      'prod-*',
      'eu-?',
      '/^https:\\/\\/[a-z0-9.-]+\\.prod\\.example\\.com(:\\d+)?$/',
    ]);
    const matching = [
      'Production',
      'prod-eu-west-1',
      'PROD-us',
      'eu-1',
      'https://k8s-a.prod.example.com:6443',
    ];
    const others = [
      'production-like',
      'preprod-eu',
      'eu-12',
      'https://k8s-a.staging.example.com',
      'https://k8s-a.prod.example.com.evil.io',
    ];
    expect(matching.filter(production)).toEqual(matching);
    expect(others.filter(production)).toEqual([]);
  });

  it("lets Argo CD's cluster URLs count as production", () => {
    const policy = {
      environments: {
        ...DEFAULT_POLICY.environments,
        production: ['production', '/\\.prod\\.example\\.com/'],
      },
    };
    const deployed = (environment: string) =>
      evaluate([deployment({ labels: ['hotfix'], environment })], { policy })
        .exceptions.length;
    expect(deployed('https://eu.prod.example.com:6443')).toBe(1);
    expect(deployed('https://eu.staging.example.com:6443')).toBe(0);
  });

  it('takes a glob character literally everywhere else', () => {
    const staging = environmentMatcher(['stage.(eu)*']);
    expect(staging('stage.(eu)-2')).toBe(true);
    expect(staging('stagex(eu)-2')).toBe(false);
  });

  it('refuses a regular expression that does not compile, naming the key', () => {
    expect(() =>
      readPolicy(
        new ConfigReader({
          processExceptions: {
            policies: { environments: { staging: ['/stag(ing/'] } },
          },
        }),
      ),
    ).toThrow(
      /processExceptions\.policies\.environments\.staging: '\/stag\(ing\/' is not a regular expression/,
    );
  });
});
