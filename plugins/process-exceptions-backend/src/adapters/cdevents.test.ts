import { adaptCdevents } from './cdevents';
import {
  fixture,
  fixtureNames,
  schemaProblems,
} from './__testUtils__/fixtures';
import { AdaptedEvent, AdapterInputError, AdapterResult } from './types';

const VERSIONS = ['v0.4.1', 'v0.5.1'];
/** The spec's examples at v0.3.0: the same cases, fewer of them. */
const WITH_V03 = ['v0.3.0', ...VERSIONS];
const RUN_ID = '271069a8-fc18-44f1-b38f-9d70a1695819';
const INCIDENT_CONTEXT_ID = 'F4BD2B55-B6F6-4F44-AF72-BD2D0E7A8708';
const SERVICE_SUBJECT = 'cdevents:/event/source/123/mySubject123';
const APP_SUBJECT = 'cdevents:/clusterA/namespaceB/myApp';

function only(result: AdapterResult): AdaptedEvent {
  expect(schemaProblems(result)).toEqual([]);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  expect(result.events).toHaveLength(1);
  return result.events[0];
}

/** What each conformance example becomes; identical for both versions. */
const PRODUCED: Record<string, Partial<AdaptedEvent>> = {
  'change_merged.json': {
    externalId: RUN_ID,
    type: 'change.merged',
    subject: 'cdevents:https://example.org/TestRepo/TestOrg',
    occurredAt: new Date('2023-03-20T14:27:05.315Z'),
    data: { changeId: 'mySubject123' },
  },
  'incident_detected.json': {
    externalId: INCIDENT_CONTEXT_ID,
    type: 'incident.opened',
    subject: APP_SUBJECT,
    occurredAt: new Date('2022-11-11T13:52:20.079Z'),
    data: {
      incidentId: 'incident-123',
      severity: 'unknown',
      title: 'Response time above threshold of 100ms',
    },
  },
  'incident_reported.json': {
    type: 'incident.opened',
    subject: APP_SUBJECT,
    data: {
      incidentId: 'incident-123',
      severity: 'medium',
      title: 'Response time above threshold of 100ms',
      url: 'https://my-issues.example/incidents/ticket-345',
    },
  },
  'incident_resolved.json': {
    type: 'incident.resolved',
    subject: APP_SUBJECT,
    data: { incidentId: 'incident-123' },
  },
  'service_deployed.json': {
    externalId: RUN_ID,
    type: 'deployment.finished',
    subject: SERVICE_SUBJECT,
    actor: null,
    occurredAt: new Date('2023-03-20T14:27:05.315Z'),
    data: {
      deploymentId: RUN_ID,
      environment: 'test123',
      outcome: 'succeeded',
    },
  },
  'service_rolledback.json': {
    type: 'deployment.finished',
    subject: SERVICE_SUBJECT,
    data: {
      deploymentId: RUN_ID,
      environment: 'test123',
      outcome: 'succeeded',
      labels: ['rollback'],
    },
  },
  'service_upgraded.json': {
    type: 'deployment.finished',
    subject: SERVICE_SUBJECT,
    data: {
      deploymentId: RUN_ID,
      environment: 'test123',
      outcome: 'succeeded',
    },
  },
};

/** The examples that carry nothing to act on, and why. */
const IGNORED: Record<string, RegExp> = {
  'change_reviewed.json': /names no reviewer/,
  'pipelinerun_finished.json': /names no environment/,
  'testsuiterun_finished.json': /'dev', which is not a staging/,
  'ticket_closed.json': /not a backfill task/,
  'ticket_created.json': /no process-exceptions event for ticket/,
  'ticket_updated.json': /no process-exceptions event for ticket/,
};

describe('adaptCdevents', () => {
  describe.each(WITH_V03)('conformance examples of %s', version => {
    const load = (name: string) => fixture(`cdevents/${version}/${name}`);
    const headers = { 'content-type': 'application/json' };
    // 0.3 has no incident.reported, service.upgraded or ticket events yet.
    const names = fixtureNames(`cdevents/${version}`);
    const missing =
      version === 'v0.3.0'
        ? [
            'incident_reported.json',
            'service_upgraded.json',
            'ticket_closed.json',
            'ticket_created.json',
            'ticket_updated.json',
          ]
        : [];
    const produced = Object.keys(PRODUCED).filter(n => !missing.includes(n));
    const ignored = Object.keys(IGNORED).filter(n => !missing.includes(n));

    it('covers every example', () => {
      expect(names).toEqual([...produced, ...ignored].sort());
    });

    it.each(produced)('translates %s', name => {
      expect(only(adaptCdevents(load(name), headers))).toEqual(
        expect.objectContaining(PRODUCED[name]),
      );
    });

    it.each(ignored)('ignores %s', name => {
      const payload = load(name);
      expect(adaptCdevents(payload, headers)).toEqual({
        kind: 'ignored',
        externalId: payload.context.id,
        eventName: payload.context.type,
        reason: expect.stringMatching(IGNORED[name]),
      });
    });
  });

  describe.each(VERSIONS)('customData on %s examples', version => {
    const load = (name: string) => fixture(`cdevents/${version}/${name}`);

    it('reads the deployment facts CDEvents has no field for', () => {
      const payload = load('service_deployed.json');
      payload.subject.content.environment.id = 'production';
      payload.customData = {
        entityRef: 'component:default/checkout',
        actor: 'deploy-bot',
        deploymentId: 'deploy-77',
        labels: ['hotfix', 'hotfix', ' '],
        incidentId: 'INC-481',
        viaPipeline: false,
        changeIds: ['abc123'],
        fixes: { incidentId: 'INC-481' },
        name: 'Checkout hotfix',
        reason: 'Payments failing',
        pipelineRunUrl: 'https://ci.example.com/runs/9',
      };
      expect(only(adaptCdevents(payload, {}))).toEqual({
        externalId: RUN_ID,
        type: 'deployment.finished',
        occurredAt: new Date('2023-03-20T14:27:05.315Z'),
        subject: 'component:default/checkout',
        actor: 'deploy-bot',
        data: {
          deploymentId: 'deploy-77',
          environment: 'production',
          outcome: 'succeeded',
          labels: ['hotfix'],
          incidentId: 'INC-481',
          viaPipeline: false,
          changeIds: ['abc123'],
          fixes: { incidentId: 'INC-481' },
          name: 'Checkout hotfix',
          reason: 'Payments failing',
          pipelineRunUrl: 'https://ci.example.com/runs/9',
        },
      });
    });

    it('keeps customData labels beside the rollback label', () => {
      const payload = load('service_rolledback.json');
      payload.customData = { labels: ['hotfix'] };
      expect(only(adaptCdevents(payload, {})).data).toMatchObject({
        labels: ['hotfix', 'rollback'],
      });
    });

    it('rejects a deployment without an environment, naming the field', () => {
      const payload = load('service_deployed.json');
      delete payload.subject.content.environment;
      expect(() => adaptCdevents(payload, {})).toThrow(
        new AdapterInputError('subject.content.environment.id is required'),
      );
    });

    it('rejects wrongly typed customData, naming the key', () => {
      const payload = load('service_deployed.json');
      payload.customData = { labels: 'hotfix' };
      expect(() => adaptCdevents(payload, {})).toThrow(
        'customData.labels must be an array of strings',
      );
    });

    it('reads reviewer, role and decision from customData', () => {
      const payload = load('change_reviewed.json');
      payload.customData = {
        reviewer: 'alice',
        role: 'tech-lead',
        decision: 'APPROVED',
        changeId: 'abc123',
        storyId: 'ST-12',
        url: 'https://git.example.com/pr/7',
      };
      expect(only(adaptCdevents(payload, {}))).toMatchObject({
        type: 'change.reviewed',
        subject: 'cdevents:https://example.org/TestRepo/TestOrg',
        data: {
          changeId: 'abc123',
          reviewer: 'alice',
          role: 'tech-lead',
          decision: 'approved',
          storyId: 'ST-12',
          url: 'https://git.example.com/pr/7',
        },
      });
    });

    it('rejects a review with a reviewer but no valid decision', () => {
      const payload = load('change_reviewed.json');
      payload.customData = { reviewer: 'alice' };
      expect(() => adaptCdevents(payload, {})).toThrow(
        'customData.decision is required',
      );
      payload.customData.decision = 'lgtm';
      expect(() => adaptCdevents(payload, {})).toThrow(
        'customData.decision must be one of approved, changes_requested, dismissed',
      );
    });

    it('reads the approval count of a merge', () => {
      const payload = load('change_merged.json');
      payload.customData = { approvals: 3, storyId: 'ST-12' };
      expect(only(adaptCdevents(payload, {})).data).toEqual({
        changeId: 'mySubject123',
        approvals: 3,
        storyId: 'ST-12',
      });
      payload.customData = { approvals: -1 };
      expect(() => adaptCdevents(payload, {})).toThrow('customData.approvals');
    });

    it('takes the severity from customData', () => {
      const payload = load('incident_detected.json');
      payload.customData.severity = 'P0';
      expect(only(adaptCdevents(payload, {})).data).toMatchObject({
        severity: 'P0',
      });
    });

    it('turns a test run in staging into a verification', () => {
      const payload = load('testsuiterun_finished.json');
      payload.subject.content.environment.id = 'staging';
      payload.customData = { changeIds: ['abc123'], flagKey: 'new-checkout' };
      expect(only(adaptCdevents(payload, {}))).toMatchObject({
        type: 'verification.finished',
        subject: 'cdevents:/event/source/123/myTestSuiteRun123',
        data: {
          environment: 'staging',
          outcome: 'failed',
          changeIds: ['abc123'],
          flagKey: 'new-checkout',
        },
      });
      payload.subject.content.outcome = 'pass';
      expect(only(adaptCdevents(payload, {})).data).toMatchObject({
        outcome: 'passed',
      });
    });

    it('uses the staging environments it is given', () => {
      const payload = load('testsuiterun_finished.json');
      payload.subject.content.environment.id = 'QA';
      expect(adaptCdevents(payload, {}).kind).toBe('ignored');
      const result = adaptCdevents(
        payload,
        {},
        { stagingEnvironments: ['qa'] },
      );
      expect(only(result).data).toMatchObject({ environment: 'QA' });
    });

    it('reads a pipeline run environment from customData', () => {
      const payload = load('pipelinerun_finished.json');
      payload.subject.content.outcome = 'success';
      payload.customData = { environment: 'staging' };
      expect(only(adaptCdevents(payload, {}))).toMatchObject({
        type: 'verification.finished',
        data: {
          environment: 'staging',
          outcome: 'passed',
          url: 'https://www.example.com/mySubject123',
        },
      });
    });

    it('turns a ticket closed for a backfill task into backfill.completed', () => {
      const payload = load('ticket_closed.json');
      payload.customData = { exceptionId: 'exc-1', taskKey: 'qa-scenario' };
      expect(only(adaptCdevents(payload, {}))).toMatchObject({
        type: 'backfill.completed',
        actor: 'Bob',
        data: {
          exceptionId: 'exc-1',
          taskKey: 'qa-scenario',
          evidenceUrl: 'https://example.issues.com/ticket123',
        },
      });
    });

    it('does not count a withdrawn ticket as a backfill', () => {
      const payload = load('ticket_closed.json');
      payload.customData = { incidentId: 'INC-1', taskKey: 'qa-scenario' };
      payload.subject.content.resolution = 'withdrawn';
      expect(adaptCdevents(payload, {})).toMatchObject({
        kind: 'ignored',
        reason: "ticket closed as 'withdrawn', not completed",
      });
    });

    it('rejects a backfill ticket that names half its task', () => {
      const payload = load('ticket_closed.json');
      payload.customData = { exceptionId: 'exc-1' };
      expect(() => adaptCdevents(payload, {})).toThrow(
        'customData.taskKey is required',
      );
      payload.customData = { taskKey: 'qa-scenario' };
      expect(() => adaptCdevents(payload, {})).toThrow(
        'customData.exceptionId or customData.incidentId is required',
      );
    });
  });

  describe('CloudEvents modes', () => {
    const cdevent = () => fixture('cdevents/v0.5.1/service_deployed.json');
    const expected = only(adaptCdevents(cdevent(), {}));

    it('reads binary mode, the ce-* headers completing the body', () => {
      const body = cdevent();
      const headers = {
        'ce-id': body.context.id,
        'ce-type': body.context.type,
        'ce-source': body.context.source,
        'ce-time': body.context.timestamp,
        'ce-specversion': '1.0',
        'content-type': 'application/json',
      };
      expect(only(adaptCdevents(body, headers))).toEqual(expected);
      delete body.context;
      expect(only(adaptCdevents(body, headers))).toEqual(expected);
    });

    it('reads structured mode, a CloudEvent carrying the CDEvent as data', () => {
      const data = cdevent();
      const envelope = {
        specversion: '1.0',
        id: data.context.id,
        type: data.context.type,
        source: data.context.source,
        time: data.context.timestamp,
        datacontenttype: 'application/json',
        data,
      };
      const headers = { 'content-type': 'application/cloudevents+json' };
      expect(only(adaptCdevents(envelope, headers))).toEqual(expected);
      expect(only(adaptCdevents(data, headers))).toEqual(expected);
    });

    it('names the missing field of a structured CloudEvent', () => {
      const envelope = { specversion: '1.0', data: { subject: {} } };
      expect(() => adaptCdevents(envelope, {})).toThrow(
        'data.context.id is required',
      );
    });
  });

  describe('malformed input', () => {
    it('rejects a body that is not an object', () => {
      expect(() => adaptCdevents('nope', {})).toThrow(
        'body must be a JSON object',
      );
      expect(() => adaptCdevents([], {})).toThrow(AdapterInputError);
    });

    it('rejects an event without an id or a type', () => {
      const payload = fixture('cdevents/v0.4.1/service_deployed.json');
      delete payload.context.id;
      expect(() => adaptCdevents(payload, {})).toThrow(
        'context.id is required',
      );
    });

    it('rejects a type that is not a CDEvents type', () => {
      const payload = fixture('cdevents/v0.4.1/service_deployed.json');
      payload.context.type = 'com.example.deployed';
      expect(() => adaptCdevents(payload, {})).toThrow(
        "context.type 'com.example.deployed' is not a CDEvents type",
      );
    });

    it('ignores custom CDEvents types', () => {
      const payload = fixture('cdevents/v0.4.1/service_deployed.json');
      payload.context.type = 'dev.cdeventsx.mytool-resource.created.0.1.0';
      expect(adaptCdevents(payload, {}).kind).toBe('ignored');
    });

    it('rejects a timestamp that is not a time or lies in the future', () => {
      const payload = fixture('cdevents/v0.4.1/service_deployed.json');
      payload.context.timestamp = 'yesterday';
      expect(() => adaptCdevents(payload, {})).toThrow(
        'context.timestamp must be an ISO 8601 time',
      );
      payload.context.timestamp = '2999-01-01T00:00:00Z';
      expect(() => adaptCdevents(payload, {})).toThrow(
        'context.timestamp must be a time between 2000-01-01 and one day from now',
      );
    });

    it('rejects a value beyond the v1 bounds', () => {
      const payload = fixture('cdevents/v0.4.1/service_deployed.json');
      payload.customData = { labels: ['x'.repeat(101)] };
      expect(() => adaptCdevents(payload, {})).toThrow(
        /deployment.finished data.labels.0/,
      );
    });
  });
});
