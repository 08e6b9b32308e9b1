import { Policy } from '../policy/Policy';
import { applyBackfills, settleStatus } from './backfills';
import { buildContext } from './context';
import { deriveDeploymentFindings } from './deploymentFindings';
import { deriveFlagDisables } from './flagDisable';
import { deriveHotfixes } from './hotfix';
import { applyAcknowledgements, deriveRecordedExceptions } from './manual';
import { derivePartialReadiness } from './partialReadiness';
import { addSenderUrls } from './senderUrls';
import { sortedSeqs } from './sortedSeqs';
import { EntityState, LedgerEvent } from './types';

/** Plain code-unit order, so the result does not depend on the locale. */
function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function byTimeThenKey<T extends { naturalKey: string }>(
  time: (item: T) => Date,
) {
  return (a: T, b: T) =>
    time(a).getTime() - time(b).getTime() ||
    compareKeys(a.naturalKey, b.naturalKey);
}

/**
 * Replays every ledger event of one entity, in the order things happened
 * rather than the order they arrived, and returns the exceptions and findings
 * the entity should have as of `now`.
 */
export function evaluateEntity(
  policy: Policy,
  events: LedgerEvent[],
  now: Date,
): EntityState {
  if (events.length === 0) return { exceptions: [], findings: [] };
  const ctx = buildContext(policy, events);

  const outputs = [
    deriveHotfixes(ctx),
    deriveDeploymentFindings(ctx),
    deriveFlagDisables(ctx),
    derivePartialReadiness(ctx),
  ];
  // Findings first, so acknowledgements can find them.
  const acknowledged = applyAcknowledgements(
    ctx,
    outputs.flatMap(o => o.findings),
  );
  const exceptions = [
    ...outputs.flatMap(o => o.exceptions),
    ...deriveRecordedExceptions(ctx),
    ...acknowledged.exceptions,
  ];
  applyBackfills(ctx, exceptions);
  addSenderUrls(ctx, exceptions);

  return {
    exceptions: exceptions
      .map(e =>
        settleStatus(
          {
            ...e,
            // What closed nothing is on the timeline too, with its reason.
            eventSeqs: sortedSeqs([
              ...e.eventSeqs,
              ...e.notCounted.map(n => n.seq),
            ]),
          },
          now,
        ),
      )
      .sort(byTimeThenKey(e => e.openedAt)),
    findings: acknowledged.findings
      .map(f => ({ ...f, eventSeqs: sortedSeqs(f.eventSeqs) }))
      .sort(byTimeThenKey(f => f.detectedAt)),
  };
}
