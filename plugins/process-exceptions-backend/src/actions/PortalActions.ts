import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ExceptionKind,
  ExceptionLinks,
  ProcessException,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { randomUUID } from 'crypto';
import { ExceptionStore } from '../database/ExceptionStore';
import { Ingestor, IngestOutcome } from '../ingest/Ingestor';
import { LedgerEventData, LedgerEventType } from '../rules/types';

/** Ledger source of the events people cause through the portal. */
export const PORTAL_SOURCE = 'portal';

/**
 * What people do in the portal, recorded as ledger events like everything
 * else, so each exception still traces back to what caused it.
 */
export class PortalActions {
  constructor(
    private readonly store: ExceptionStore,
    private readonly ingestor: Ingestor,
  ) {}

  private async record<K extends LedgerEventType>(
    type: K,
    entityRef: string,
    actor: string,
    data: LedgerEventData[K],
  ): Promise<IngestOutcome> {
    const [outcome] = await this.ingestor.ingest(PORTAL_SOURCE, [
      {
        externalId: randomUUID(),
        type,
        occurredAt: new Date(),
        subject: entityRef,
        actor,
        data,
        payload: data,
      },
    ]);
    return outcome;
  }

  async recordException(options: {
    entityRef: string;
    actor: string;
    kind: ExceptionKind;
    name: string;
    reason: string;
    links?: ExceptionLinks;
    gaps?: Array<{ key: string; description: string }>;
  }): Promise<ProcessException> {
    const { entityRef, actor, ...data } = options;
    const outcome = await this.record(
      'exception.recorded',
      entityRef,
      actor,
      data,
    );
    if (outcome.unmapped) {
      throw new NotFoundError(
        `entityRef: ${entityRef} is not in the catalog; record exceptions for catalog entities`,
      );
    }
    const opened = outcome.exceptions.find(e => e.change === 'opened');
    return (await this.store.getException(opened!.id))!;
  }

  async completeTask(options: {
    exceptionId: string;
    taskKey: string;
    actor: string;
    evidenceUrl: string;
  }): Promise<ProcessException> {
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
    if (task.doneAt) {
      throw new ConflictError(
        `Task '${task.key}' was already done at ${task.doneAt} by ${
          task.doneBy ?? 'the pipeline'
        }`,
      );
    }
    await this.record(
      'backfill.completed',
      exception.entityRef,
      options.actor,
      {
        exceptionId: exception.id,
        taskKey: task.key,
        evidenceUrl: options.evidenceUrl,
      },
    );
    return (await this.store.getException(exception.id))!;
  }

  async acknowledgeFinding(options: {
    findingId: string;
    actor: string;
    name: string;
    reason: string;
  }) {
    const finding = await this.store.getFinding(options.findingId);
    if (!finding) {
      throw new NotFoundError(`No finding with id ${options.findingId}`);
    }
    if (finding.acknowledgedAt) {
      throw new ConflictError(
        `Finding ${finding.id} was already acknowledged at ${finding.acknowledgedAt} by ${finding.acknowledgedBy}`,
      );
    }
    await this.record(
      'finding.acknowledged',
      finding.entityRef,
      options.actor,
      {
        findingId: finding.id,
        name: options.name,
        reason: options.reason,
      },
    );
    const acknowledged = (await this.store.getFinding(finding.id))!;
    const exception = acknowledged.exceptionId
      ? await this.store.getException(acknowledged.exceptionId)
      : undefined;
    return { finding: acknowledged, exception };
  }
}
