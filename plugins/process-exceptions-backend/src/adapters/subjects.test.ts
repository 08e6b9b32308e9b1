import {
  cdeventsSubject,
  flagsmithSubject,
  githubSubject,
  launchDarklySubject,
  parseSubject,
  unleashSubject,
} from './subjects';

describe('parseSubject', () => {
  it.each([
    [
      githubSubject('Codertocat/Hello-World'),
      {
        kind: 'annotation',
        annotation: 'github.com/project-slug',
        value: 'Codertocat/Hello-World',
      },
    ],
    [
      launchDarklySubject('payments', 'new-checkout'),
      {
        kind: 'annotation',
        annotation: 'launchdarkly.com/project-key',
        value: 'payments',
        flagKey: 'new-checkout',
      },
    ],
    [
      unleashSubject('payments', 'new-checkout'),
      {
        kind: 'annotation',
        annotation: 'unleash.io/project',
        value: 'payments',
        flagKey: 'new-checkout',
      },
    ],
    [
      flagsmithSubject('12', 'new_checkout'),
      {
        kind: 'annotation',
        annotation: 'flagsmith.com/project-id',
        value: '12',
        flagKey: 'new_checkout',
      },
    ],
    [
      cdeventsSubject('/clusterA/namespaceB', 'myApp'),
      {
        kind: 'annotation',
        annotation: 'process-exceptions.io/cdevents-subjects',
        value: '/clusterA/namespaceB/myApp',
      },
    ],
    [
      'component:default/checkout',
      { kind: 'entityRef', ref: 'component:default/checkout' },
    ],
    ['checkout', { kind: 'entityRef', ref: 'checkout' }],
    // A flag subject without a flag key cannot pick a service.
    [
      'launchdarkly:payments',
      { kind: 'entityRef', ref: 'launchdarkly:payments' },
    ],
    ['constructor:x/y', { kind: 'entityRef', ref: 'constructor:x/y' }],
  ])('reads %s', (subject, parsed) => {
    expect(parseSubject(subject)).toEqual(parsed);
  });
});
