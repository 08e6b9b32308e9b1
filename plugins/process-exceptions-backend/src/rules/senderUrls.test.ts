import {
  deployment,
  evaluate,
  flagChanged,
  incidentOpened,
  merged,
  review,
} from './__testUtils__/events';

describe("exceptions keep their keys' sender URLs", () => {
  it('keeps the incident page, the pull request and the pipeline run of a hotfix', () => {
    const { exceptions } = evaluate([
      incidentOpened({
        incidentId: 'INC-117',
        url: 'https://status.example.com/INC-117',
        at: -3,
      }),
      review({
        changeId: 'PR-7',
        url: 'https://github.com/acme/checkout/pull/7#pullrequestreview-1',
        at: -2,
      }),
      merged({
        changeId: 'PR-7',
        url: 'https://github.com/acme/checkout/pull/7',
        at: -1,
      }),
      deployment({
        labels: ['hotfix'],
        incidentId: 'INC-117',
        changeIds: ['PR-7', 'PR-8'],
        pipelineRunUrl: 'https://ci.example.com/runs/991',
      }),
    ]);
    expect(exceptions[0].links).toEqual({
      incident: 'INC-117',
      changes: ['PR-7', 'PR-8'],
      deployment: 'D-1',
      // PR-8 was never reported with a URL: it has none.
      urls: {
        incident: 'https://status.example.com/INC-117',
        changes: { 'PR-7': 'https://github.com/acme/checkout/pull/7' },
        deployment: 'https://ci.example.com/runs/991',
      },
    });
  });

  it("keeps a flag's page, and nothing when no event gave a URL", () => {
    const { exceptions } = evaluate([
      flagChanged({
        url: 'https://app.launchdarkly.com/default/production/features/new-checkout',
      }),
    ]);
    expect(exceptions[0].links).toEqual({
      flag: 'new-checkout',
      urls: {
        flag: 'https://app.launchdarkly.com/default/production/features/new-checkout',
      },
    });
    const plain = evaluate([deployment({ labels: ['hotfix'] })]);
    expect(plain.exceptions[0].links.urls).toBeUndefined();
  });
});
