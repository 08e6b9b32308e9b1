import { ExceptionKind } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { Policy } from '../policy/Policy';
import {
  FLAG_DISABLE_TASKS,
  HOTFIX_TASKS,
  RETROACTIVE_GAP_TASK,
  TaskTemplate,
  gapTaskTemplate,
} from './taskTemplates';
import { addHours } from './time';

function uniqueByKey<T extends { key: string }>(items: readonly T[]): T[] {
  return items.filter(
    (item, index) => items.findIndex(other => other.key === item.key) === index,
  );
}

/**
 * The deadline and tasks of an exception recorded by a person, where no
 * incident or evidence says more.
 */
export function kindDefaults(
  policy: Policy,
  kind: ExceptionKind,
  openedAt: Date,
  gaps: ReadonlyArray<{ key: string; description: string }> = [],
): { deadline: Date; templates: readonly TaskTemplate[] } {
  switch (kind) {
    case 'hotfix':
      return {
        deadline: addHours(openedAt, policy.hotfix.backfillHours),
        templates: HOTFIX_TASKS,
      };
    case 'flag-disable':
      return {
        deadline: addHours(openedAt, policy.flagDisable.backfillHours),
        templates: FLAG_DISABLE_TASKS,
      };
    default:
      return {
        deadline: addHours(openedAt, policy.partialReadiness.backfillHours),
        // Without named gaps there would be nothing to backfill, and the
        // exception could never close.
        templates:
          gaps.length > 0
            ? uniqueByKey(gaps).map(gapTaskTemplate)
            : [RETROACTIVE_GAP_TASK],
      };
  }
}
