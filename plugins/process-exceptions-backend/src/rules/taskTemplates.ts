import { BackfillRole } from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { DerivedTask } from './types';

export interface TaskTemplate {
  key: string;
  title: string;
  role: BackfillRole;
}

export const HOTFIX_TASKS: readonly TaskTemplate[] = [
  {
    key: 'full-review',
    title: 'Full review: three confirmations',
    role: 'reviewer',
  },
  {
    key: 'brief-check',
    title: 'Product owner confirms the fix does not violate the brief',
    role: 'product-owner',
  },
  {
    key: 'qa-scenario',
    title: 'QA adds the missing test scenario',
    role: 'qa',
  },
  { key: 'design-check', title: 'Designer checks UI impact', role: 'designer' },
];

export const FLAG_DISABLE_TASKS: readonly TaskTemplate[] = [
  {
    key: 'fix-deployed',
    title: 'Fix deployed through the pipeline',
    role: 'developer',
  },
  { key: 'staging-verified', title: 'Fix verified in staging', role: 'qa' },
  {
    key: 'flag-re-enabled',
    title: 'Flag re-enabled after the fix passed staging',
    role: 'developer',
  },
];

/** The task of a partial-readiness exception recorded after the merge. */
export const RETROACTIVE_GAP_TASK: TaskTemplate = {
  key: 'gap:retroactive',
  title: 'Fill the gap the change merged with',
  role: 'developer',
};

export function gapTaskTemplate(gap: {
  key: string;
  description: string;
}): TaskTemplate {
  return { key: `gap:${gap.key}`, title: gap.description, role: 'developer' };
}

export function openTasks(
  templates: readonly TaskTemplate[],
  dueAt: Date | null,
): DerivedTask[] {
  // Named fields, not a spread: every task gets one shape (measurably
  // cheaper where a batch opens thousands).
  return templates.map(({ key, title, role }) => ({
    key,
    title,
    role,
    dueAt,
    doneAt: null,
    doneBy: null,
    evidenceUrl: null,
    doneSeq: null,
  }));
}
