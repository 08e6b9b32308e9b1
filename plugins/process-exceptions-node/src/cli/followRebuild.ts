import {
  ProcessExceptionsClient,
  RebuildJob,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';

/** One line of `process-exceptions rebuild` about a job. */
export function formatRebuild(job: RebuildJob): string {
  const services = `${job.servicesDone}/${job.servicesTotal} services`;
  const current =
    job.servicesSkipped > 0 ? ` (${job.servicesSkipped} already current)` : '';
  const error = job.lastError ? `; last attempt stopped: ${job.lastError}` : '';
  return `rebuild ${job.id} ${job.status}: ${services}${current}, ${job.eventsRead} events read, policy revision ${job.policyRevision}${error}`;
}

/**
 * Prints a job's progress whenever it changes, until it is no longer
 * running; answers the job as it ended.
 */
export async function followRebuild(
  client: ProcessExceptionsClient,
  first: RebuildJob,
  options: {
    intervalMs: number;
    print: (line: string) => void;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<RebuildJob> {
  const sleep =
    options.sleep ?? (ms => new Promise<void>(r => setTimeout(r, ms)));
  let job = first;
  let last = formatRebuild(job);
  options.print(last);
  while (job.status === 'running') {
    await sleep(options.intervalMs);
    job = await client.getRebuild(job.id);
    const line = formatRebuild(job);
    if (line !== last) options.print(line);
    last = line;
  }
  return job;
}
