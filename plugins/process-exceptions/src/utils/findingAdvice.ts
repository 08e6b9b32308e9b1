import { FindingRule } from '@process-exceptions/backstage-plugin-process-exceptions-common';

export interface FindingAdvice {
  /** Which rule of the chain broke, in plain words. */
  title: string;
  /** What the service owner should do about it. */
  whatToDo: string;
}

const ADVICE: Record<FindingRule, FindingAdvice> = {
  'abbreviated-review-below-minimum': {
    title: 'Hotfix review was below the minimum',
    whatToDo:
      'A P0 hotfix still needs two technical reviewers, one of them the tech lead. Get the missing review on the change now, and backfill the full review within 24 hours of the incident resolving.',
  },
  'pipeline-bypassed': {
    title: 'A production change bypassed the pipeline',
    whatToDo:
      'Bypassing the pipeline is never sanctioned, not even for a hotfix. Redeploy the same change through the pipeline, then record why it happened so the postmortem can trace it.',
  },
  'unrecorded-exception': {
    title:
      'A change reached production without full review or a recorded exception',
    whatToDo:
      'If this was a hotfix, record it now (acknowledge below) and backfill the review. If not, get the three review confirmations on the change.',
  },
  're-enabled-before-staging': {
    title: 'A flag was re-enabled before the fix passed staging',
    whatToDo:
      'Check the fix in staging now. If it fails, switch the flag off again. Next time wait for the staging verification before re-enabling.',
  },
  'merged-with-open-gap': {
    title: 'A change merged while a named gap was still open',
    whatToDo:
      'Fill the gap (add the missing artifact) and close it, and check why the merge gate did not stop the merge.',
  },
};

const UNKNOWN: FindingAdvice = {
  title: 'A rule of the chain was broken',
  whatToDo:
    'Read the message, then record the missing exception so the history stays traceable.',
};

/** Plain-words advice for a finding; rules this version does not know get a generic text. */
export const adviceFor = (rule: string): FindingAdvice =>
  (ADVICE as Record<string, FindingAdvice>)[rule] ?? UNKNOWN;
