/**
 * CDEvents (spec 0.3, 0.4 and 0.5) to v1 events.
 *
 * Events are matched by their type prefix `dev.cdevents.<subject>.<predicate>.`
 * so every version of an event type is read the same way; the fields we read
 * exist in all three. Neither the spec version (`context.version` up to 0.4,
 * `context.specversion` from 0.5) nor 0.4's `chainId`, `links` and
 * `schemaUri` are read.
 *
 * | CDEvent                                   | v1 event                                     |
 * |-------------------------------------------|----------------------------------------------|
 * | service.deployed / upgraded / rolledback  | deployment.finished, outcome succeeded (rolledback adds the label `rollback`) |
 * | change.reviewed                           | change.reviewed (needs customData.reviewer, else ignored) |
 * | change.merged                             | change.merged                                |
 * | incident.detected / reported              | incident.opened                              |
 * | incident.resolved                         | incident.resolved                            |
 * | testsuiterun.finished / pipelinerun.finished in a staging environment | verification.finished |
 * | ticket.closed with customData.taskKey     | backfill.completed                           |
 * | anything else                             | ignored                                      |
 *
 * CDEvents has no field for several facts the handbook needs, so we read them
 * from `customData` (which must then be a JSON object):
 *
 * | customData key   | type     | read for                 | becomes                                           |
 * |------------------|----------|--------------------------|---------------------------------------------------|
 * | `entityRef`      | string   | every event              | the subject (else `cdevents:<source>/<id>`)       |
 * | `actor`          | string   | every event              | actor (tickets fall back to content.updatedBy)    |
 * | `deploymentId`   | string   | service.*                | deploymentId (default: context.id)                |
 * | `labels`         | string[] | service.*                | labels, e.g. `hotfix`                             |
 * | `incidentId`     | string   | service.*, ticket.closed | the incident a deployment answers / a backfill closes |
 * | `viaPipeline`    | boolean  | service.*                | viaPipeline (false: changed outside the pipeline) |
 * | `changeIds`      | string[] | service.*, *run.finished | changeIds (the reviewed commits or PRs)           |
 * | `fixes`          | object   | service.*                | fixes `{ exceptionId, incidentId, flagKey }`      |
 * | `name`, `reason` | string   | service.*                | name, reason of the exception it opens            |
 * | `pipelineRunUrl` | URL      | service.*                | pipelineRunUrl                                    |
 * | `reviewer`       | string   | change.reviewed          | reviewer (CDEvents has no approver field)         |
 * | `role`           | string   | change.reviewed          | role, e.g. `tech-lead`                            |
 * | `decision`       | string   | change.reviewed          | `approved`, `changes_requested` or `dismissed`    |
 * | `changeId`       | string   | change.*                 | changeId (default: subject.id)                    |
 * | `storyId`        | string   | change.*                 | storyId                                           |
 * | `approvals`      | integer  | change.merged            | approvals                                         |
 * | `url`            | URL      | change.*, *run.finished  | url                                               |
 * | `severity`       | string   | incident.detected/reported | severity (else subject.content.severity, else `unknown`) |
 * | `environment`    | string   | *run.finished            | environment when subject.content.environment.id is absent |
 * | `flagKey`        | string   | *run.finished            | flagKey the verification is for                   |
 * | `exceptionId`    | string   | ticket.closed            | exceptionId of the backfilled exception           |
 * | `taskKey`        | string   | ticket.closed            | taskKey of the backfill task                      |
 * | `evidenceUrl`    | URL      | ticket.closed            | evidenceUrl (else subject.content.uri)            |
 *
 * Without `customData.entityRef` the subject is `cdevents:<source>/<id>` of
 * what the event is about: the service for service.*, `content.service` for
 * incidents and `content.repository` for changes when present, otherwise the
 * CDEvent's own subject (`subject.source`, or `context.source`, and `subject.id`).
 */
import { EventDataByType } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { adaptedEvent, adaptedEvents, ignored } from './adaptedEvent';
import { environmentMatcher } from '../policy/environmentPatterns';
import { headerValue } from './headerValue';
import { PayloadReader } from './PayloadReader';
import { readDeploymentExtras } from './readDeploymentExtras';
import { cdeventsSubject } from './subjects';
import {
  AdaptedEvent,
  AdapterHeaders,
  AdapterInputError,
  AdapterResult,
} from './types';

export interface CdeventsOptions {
  /**
   * Environments whose test and pipeline runs count as staging verification:
   * pass the policy's `environments.staging` (names, globs, `/regexes/`).
   */
  stagingEnvironments?: readonly string[];
}

const CDEVENT_TYPE = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.[0-9]/;
const DECISIONS = ['approved', 'changes_requested', 'dismissed'] as const;
const COMPLETED_RESOLUTIONS = ['completed', 'done', 'fixed', 'resolved'];

/** One CDEvent, whichever CloudEvents mode carried it. */
interface CdEvent {
  id: string;
  type: string;
  eventName: string;
  /** context.source, or the CloudEvent's source. */
  source: string | undefined;
  occurredAt: () => Date;
  subject: PayloadReader;
  content: PayloadReader;
  customData: PayloadReader;
}

/**
 * Finds the CDEvent in the three ways it arrives: CloudEvents binary mode
 * (`ce-*` headers, the body is the CDEvent), structured mode (the body is a
 * CloudEvent whose `data` is the CDEvent) and a bare CDEvent. The CDEvent's
 * own context wins over CloudEvents attributes; the CDEvents binding makes
 * them equal anyway.
 */
function readCdevent(payload: unknown, headers: AdapterHeaders): CdEvent {
  let body = PayloadReader.of(payload);
  const ce = PayloadReader.of({
    'ce-id': headerValue(headers, 'ce-id'),
    'ce-type': headerValue(headers, 'ce-type'),
    'ce-source': headerValue(headers, 'ce-source'),
    'ce-time': headerValue(headers, 'ce-time'),
  });
  let attributes = ce;
  let names = {
    id: 'ce-id',
    type: 'ce-type',
    source: 'ce-source',
    time: 'ce-time',
  };
  if (
    !body.child('context').isObject &&
    body.child('data').isObject &&
    body.optionalString('specversion')
  ) {
    attributes = body;
    names = { id: 'id', type: 'type', source: 'source', time: 'time' };
    body = body.child('data');
  }

  const context = body.child('context');
  const id =
    context.optionalString('id') ?? attributes.optionalString(names.id);
  if (!id) throw new AdapterInputError(`${context.nameOf('id')} is required`);
  const type =
    context.optionalString('type') ?? attributes.optionalString(names.type);
  if (!type) {
    throw new AdapterInputError(`${context.nameOf('type')} is required`);
  }
  const subject = body.child('subject');
  return {
    id,
    type,
    eventName: type,
    source:
      context.optionalString('source') ??
      attributes.optionalString(names.source),
    occurredAt: () =>
      context.at('timestamp').raw === undefined &&
      attributes.at(names.time).raw !== undefined
        ? attributes.time(names.time)
        : context.time('timestamp'),
    subject,
    content: subject.child('content'),
    customData: body.child('customData'),
  };
}

/** `cdevents:<source>/<id>` of an `{ id, source }` object, if it names one. */
function subjectFromRef(
  ref: PayloadReader,
  fallbackSource: string | undefined,
): string | undefined {
  if (!ref.isObject) return undefined;
  const id = ref.optionalString('id');
  const source = ref.optionalString('source') ?? fallbackSource;
  return id && source ? cdeventsSubject(source, id) : undefined;
}

function subjectOf(ev: CdEvent, about?: PayloadReader): string {
  const entityRef = ev.customData.optionalString('entityRef');
  if (entityRef) return entityRef;
  const fromContent = about && subjectFromRef(about, ev.source);
  if (fromContent) return fromContent;
  const source = ev.subject.optionalString('source') ?? ev.source;
  if (!source) {
    throw new AdapterInputError(
      'context.source is required when customData.entityRef is absent',
    );
  }
  return cdeventsSubject(source, ev.subject.string('id'));
}

function base(ev: CdEvent, about?: PayloadReader) {
  return {
    externalId: ev.id,
    occurredAt: ev.occurredAt(),
    subject: subjectOf(ev, about),
    actor: ev.customData.optionalString('actor') ?? null,
  };
}

function deployment(ev: CdEvent, predicate: string): AdaptedEvent {
  const extras = readDeploymentExtras(ev.customData);
  const labels = [...(extras.labels ?? [])];
  // A rollback is a change of production too; the label lets policy see it.
  if (predicate === 'rolledback' && !labels.includes('rollback')) {
    labels.push('rollback');
  }
  return adaptedEvent({
    ...base(ev),
    type: 'deployment.finished',
    data: {
      ...extras,
      labels: labels.length > 0 ? labels : undefined,
      deploymentId: ev.customData.optionalId('deploymentId') ?? ev.id,
      environment: ev.content.string('environment.id'),
      outcome: 'succeeded',
    },
  });
}

function changeId(ev: CdEvent): string {
  return ev.customData.optionalId('changeId') ?? ev.subject.string('id');
}

function review(ev: CdEvent): AdapterResult {
  const reviewer = ev.customData.optionalString('reviewer');
  if (!reviewer) {
    // Most CDEvents emitters know nothing of our customData; counting such a
    // review as anyone's approval would be a guess, rejecting it a nuisance.
    return ignored(
      ev.id,
      ev.eventName,
      'change.reviewed names no reviewer: CDEvents has no approver field, send customData.reviewer and customData.decision',
    );
  }
  const decision = ev.customData.string('decision').toLowerCase();
  if (!(DECISIONS as readonly string[]).includes(decision)) {
    throw new AdapterInputError(
      `customData.decision must be one of ${DECISIONS.join(', ')}`,
    );
  }
  return adaptedEvents(
    adaptedEvent({
      ...base(ev, ev.content.child('repository')),
      type: 'change.reviewed',
      data: {
        changeId: changeId(ev),
        reviewer,
        role: ev.customData.optionalString('role'),
        decision: decision as EventDataByType['change.reviewed']['decision'],
        storyId: ev.customData.optionalString('storyId'),
        url: ev.customData.optionalHttpUrl('url'),
      },
    }),
  );
}

function merge(ev: CdEvent): AdaptedEvent {
  return adaptedEvent({
    ...base(ev, ev.content.child('repository')),
    type: 'change.merged',
    data: {
      changeId: changeId(ev),
      url: ev.customData.optionalHttpUrl('url'),
      storyId: ev.customData.optionalString('storyId'),
      approvals: ev.customData.optionalInteger('approvals'),
    },
  });
}

function incident(ev: CdEvent, predicate: string): AdaptedEvent {
  const event = base(ev, ev.content.child('service'));
  const incidentId = ev.subject.string('id');
  const url = ev.content.lenientHttpUrl('ticketURI');
  if (predicate === 'resolved') {
    return adaptedEvent({
      ...event,
      type: 'incident.resolved',
      data: { incidentId, url },
    });
  }
  return adaptedEvent({
    ...event,
    type: 'incident.opened',
    data: {
      incidentId,
      // CDEvents incidents carry no severity; 'unknown' never matches a P0
      // policy, so an unlabelled incident cannot open a hotfix by accident.
      severity:
        ev.customData.optionalString('severity') ??
        ev.content.optionalString('severity') ??
        'unknown',
      title: ev.content.optionalString('description')?.slice(0, 2000),
      url,
    },
  });
}

function verification(ev: CdEvent, options: CdeventsOptions): AdapterResult {
  const environment =
    (ev.content.child('environment').isObject
      ? ev.content.optionalString('environment.id')
      : undefined) ?? ev.customData.optionalString('environment');
  const staging = environmentMatcher(
    options.stagingEnvironments ?? ['staging'],
  );
  if (!environment || !staging(environment)) {
    return ignored(
      ev.id,
      ev.eventName,
      environment
        ? `run finished in '${environment}', which is not a staging environment`
        : 'run names no environment (subject.content.environment.id or customData.environment)',
    );
  }
  const outcome = ev.content.string('outcome').toLowerCase();
  return adaptedEvents(
    adaptedEvent({
      ...base(ev),
      type: 'verification.finished',
      data: {
        environment,
        outcome:
          outcome === 'success' || outcome === 'pass' ? 'passed' : 'failed',
        changeIds: ev.customData.optionalStringArray('changeIds'),
        flagKey: ev.customData.optionalString('flagKey'),
        url:
          ev.customData.optionalHttpUrl('url') ??
          ev.content.lenientHttpUrl('url') ??
          ev.content.lenientHttpUrl('uri'),
      },
    }),
  );
}

function ticketClosed(ev: CdEvent): AdapterResult {
  const custom = ev.customData;
  const exceptionId = custom.optionalId('exceptionId');
  const incidentId = custom.optionalId('incidentId');
  const taskKey = custom.optionalString('taskKey');
  if (!exceptionId && !incidentId && !taskKey) {
    return ignored(
      ev.id,
      ev.eventName,
      'ticket is not a backfill task (no customData.taskKey)',
    );
  }
  if (!taskKey) {
    throw new AdapterInputError(
      'customData.taskKey is required with customData.exceptionId or customData.incidentId',
    );
  }
  if (!exceptionId && !incidentId) {
    throw new AdapterInputError(
      'customData.exceptionId or customData.incidentId is required with customData.taskKey',
    );
  }
  // A withdrawn or duplicate ticket did not do the backfill work.
  const resolution = ev.content.optionalString('resolution');
  if (resolution && !COMPLETED_RESOLUTIONS.includes(resolution.toLowerCase())) {
    return ignored(
      ev.id,
      ev.eventName,
      `ticket closed as '${resolution}', not completed`,
    );
  }
  return adaptedEvents(
    adaptedEvent({
      ...base(ev),
      actor:
        custom.optionalString('actor') ??
        ev.content.optionalString('updatedBy') ??
        null,
      type: 'backfill.completed',
      data: {
        exceptionId,
        incidentId,
        taskKey,
        evidenceUrl:
          custom.optionalHttpUrl('evidenceUrl') ??
          ev.content.lenientHttpUrl('uri'),
      },
    }),
  );
}

/**
 * Translates one CDEvent. Throws AdapterInputError when an event we act on
 * lacks what we need; returns `ignored` for events we do not act on.
 */
export function adaptCdevents(
  payload: unknown,
  headers: AdapterHeaders,
  options: CdeventsOptions = {},
): AdapterResult {
  const ev = readCdevent(payload, headers);
  const match = CDEVENT_TYPE.exec(ev.type);
  if (!match) {
    if (ev.type.startsWith('dev.cdeventsx.')) {
      return ignored(ev.id, ev.eventName, 'custom CDEvents type');
    }
    throw new AdapterInputError(
      `context.type '${ev.type.slice(
        0,
        100,
      )}' is not a CDEvents type (dev.cdevents.<subject>.<predicate>.<version>)`,
    );
  }
  const [, subject, predicate] = match;
  switch (`${subject}.${predicate}`) {
    case 'service.deployed':
    case 'service.upgraded':
    case 'service.rolledback':
      return adaptedEvents(deployment(ev, predicate));
    case 'change.reviewed':
      return review(ev);
    case 'change.merged':
      return adaptedEvents(merge(ev));
    case 'incident.detected':
    case 'incident.reported':
    case 'incident.resolved':
      return adaptedEvents(incident(ev, predicate));
    case 'testsuiterun.finished':
    case 'pipelinerun.finished':
      return verification(ev, options);
    case 'ticket.closed':
      return ticketClosed(ev);
    default:
      return ignored(
        ev.id,
        ev.eventName,
        `no process-exceptions event for ${subject}.${predicate}`,
      );
  }
}
