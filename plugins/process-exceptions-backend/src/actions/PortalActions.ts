import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  EventProvenance,
  ExceptionKind,
  ExceptionLinks,
  Finding,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { randomUUID } from 'crypto';
import { ExceptionStore } from '../database/ExceptionStore';
import { PORTAL_SOURCE } from '../database/ledger/ledgerRows';
import { Ingestor, IngestOutcome } from '../ingest/Ingestor';
import { AttestationPolicy } from '../policy/Policy';
import { refusalOf } from '../rules/attestation';
import { LedgerEventData, LedgerEventType } from '../rules/types';

/** Who writes: the event's actor, and how the request was authenticated. */
export type Writer = { actor: string; provenance: EventProvenance };

/** A write that another one beat to it: it would change nothing. */
class Late extends Error {}

/**
 * What people do in the portal, recorded as ledger events like everything
 * else, so each exception still traces back to what caused it.
 */
export class PortalActions {
  constructor(
    private readonly store: ExceptionStore,
    private readonly ingestor: Ingestor,
    private readonly attestation: AttestationPolicy,
  ) {}

  /**
   * Records one event and keeps it only if it took effect: a write that
   * another one beat to it (`race.tookEffect` says no) stores nothing and
   * throws what `race.conflict` describes (see Ingestor.recordAlone).
   */
  private async record<K extends LedgerEventType>(
    event: Writer & {
      type: K;
      entityRef: string;
      data: LedgerEventData[K];
    },
    race?: {
      tookEffect: (outcome: IngestOutcome) => boolean;
      conflict: () => Promise<Error>;
    },
  ): Promise<IngestOutcome> {
    const { type, entityRef, actor, provenance, data } = event;
    try {
      return await this.ingestor.recordAlone(
        PORTAL_SOURCE,
        {
          externalId: randomUUID(),
          type,
          subject: entityRef,
          actor,
          data,
          payload: data,
        },
        provenance,
        outcome => {
          if (outcome.unmapped) {
            throw new NotFoundError(
              `entityRef: ${entityRef} is not in the catalog; people's writes are for catalog entities`,
            );
          }
          if (race && !race.tookEffect(outcome)) throw new Late();
        },
      );
    } catch (error) {
      throw error instanceof Late ? await race!.conflict() : error;
    }
  }

  async recordException(
    options: Writer & {
      entityRef: string;
      kind: ExceptionKind;
      name: string;
      reason: string;
      links?: ExceptionLinks;
      gaps?: Array<{ key: string; description: string }>;
    },
  ): Promise<ProcessException> {
    const { entityRef, actor, provenance, ...data } = options;
    const outcome = await this.record({
      type: 'exception.recorded',
      entityRef,
      actor,
      provenance,
      data,
    });
    const opened = outcome.exceptions.find(e => e.change === 'opened');
    return (await this.store.getException(opened!.id))!;
  }

  async completeTask(
    options: Writer & {
      exceptionId: string;
      taskKey: string;
      evidenceUrl: string;
    },
  ): Promise<ProcessException> {
    const exception = await this.store.getException(options.exceptionId);
    if (!exception) {
      throw new NotFoundError(`No exception with id ${options.exceptionId}`);
    }
    const task = exception.tasks.find(t => t.key === options.taskKey);
    if (!task) {
      throw new NotFoundError(
        `Exception ${options.exceptionId} has no task '${
          options.taskKey
        }'; its tasks are ${exception.tasks.map(t => t.key).join(', ')}`,
      );
    }
    const alreadyDone = (t: ProcessException['tasks'][number]) =>
      new ConflictError(
        `Task '${t.key}' was already done at ${t.doneAt} by ${
          t.doneBy ?? 'the pipeline'
        }`,
      );
    if (task.doneAt) throw alreadyDone(task);
    // It would close nothing: refused, so nothing is stored.
    const refusal = refusalOf(this.attestation, task.key, options.provenance);
    if (refusal) throw new NotAllowedError(refusal);
    await this.record(
      {
        type: 'backfill.completed',
        entityRef: exception.entityRef,
        actor: options.actor,
        provenance: options.provenance,
        data: {
          exceptionId: exception.id,
          taskKey: task.key,
          evidenceUrl: options.evidenceUrl,
        },
      },
      {
        // After another completion, this one would change nothing.
        tookEffect: o => o.exceptions.some(e => e.id === exception.id),
        conflict: async () => {
          const now = await this.store.getException(exception.id);
          return alreadyDone(now!.tasks.find(t => t.key === task.key)!);
        },
      },
    );
    return (await this.store.getException(exception.id))!;
  }

  async acknowledgeFinding(
    options: Writer & { findingId: string; name: string; reason: string },
  ) {
    const finding = await this.store.getFinding(options.findingId);
    if (!finding) {
      throw new NotFoundError(`No finding with id ${options.findingId}`);
    }
    const alreadyAcknowledged = (f: Finding) =>
      new ConflictError(
        `Finding ${f.id} was already acknowledged at ${f.acknowledgedAt} by ${f.acknowledgedBy}`,
      );
    if (finding.acknowledgedAt) throw alreadyAcknowledged(finding);
    await this.record(
      {
        type: 'finding.acknowledged',
        entityRef: finding.entityRef,
        actor: options.actor,
        provenance: options.provenance,
        data: {
          findingId: finding.id,
          name: options.name,
          reason: options.reason,
        },
      },
      {
        // An acknowledgement that takes effect opens its exception.
        tookEffect: o => o.exceptions.some(e => e.change === 'opened'),
        conflict: async () =>
          alreadyAcknowledged((await this.store.getFinding(finding.id))!),
      },
    );
    const acknowledged = (await this.store.getFinding(finding.id))!;
    const exception = acknowledged.exceptionId
      ? await this.store.getException(acknowledged.exceptionId)
      : undefined;
    return { finding: acknowledged, exception };
  }

  /** The latest unmapped pull of a story, or 404 naming what is missing. */
  private async unmappedStory(storyId: string) {
    const { stories } = await this.store.unmappedStories({ storyId });
    const story = stories[stories.length - 1];
    if (!story) {
      throw new NotFoundError(
        `No story ${storyId} waits for a service the catalog does not know`,
      );
    }
    return story;
  }

  /**
   * Sends a story that named an unknown service again for `entityRef`, as
   * an operator's event: that service's exception then decides the gate.
   */
  async reassignStory(
    options: Writer & { storyId: string; entityRef: string },
  ): Promise<IngestOutcome> {
    const story = await this.unmappedStory(options.storyId);
    return this.record({
      type: 'story.pulled',
      entityRef: options.entityRef,
      actor: options.actor,
      provenance: options.provenance,
      data: story.data as LedgerEventData['story.pulled'],
    });
  }

  /**
   * Withdraws a story that named an unknown service (sent in error): its
   * gaps no longer block the merge gate. Recorded in the ledger under the
   * subject the story named.
   */
  async withdrawStory(
    options: Writer & { storyId: string; reason: string },
  ): Promise<void> {
    const story = await this.unmappedStory(options.storyId);
    const data = { storyId: options.storyId, reason: options.reason };
    await this.ingestor.recordAlone(
      PORTAL_SOURCE,
      {
        externalId: randomUUID(),
        type: 'story.withdrawn',
        subject: story.subject,
        actor: options.actor,
        data,
        payload: data,
      },
      options.provenance,
      () => undefined,
    );
  }
}
