import {
  ProcessExceptionsApiError,
  ProcessExceptionsNetworkError,
} from '@process-exceptions/backstage-plugin-process-exceptions-common';
import { EXIT_CODES } from './exitCodes';
import { UsageError } from './UsageError';

/** Prints why a command failed and answers the exit code that says so. */
export function reportError(
  error: unknown,
  stderr: { write(chunk: string): unknown },
): number {
  const print = (text: string) => stderr.write(`process-exceptions: ${text}\n`);

  if (error instanceof UsageError) {
    print(error.message);
    print('run "process-exceptions --help" for usage');
    return EXIT_CODES.rejected;
  }
  if (error instanceof ProcessExceptionsApiError) {
    const what = `${error.status} ${error.name}`;
    if (error.status >= 400 && error.status < 500) {
      print(`the backend rejected the request (${what}): ${error.message}`);
      if (error.status === 401 || error.status === 403) {
        print(
          'check PROCESS_EXCEPTIONS_TOKEN (or --token): it must be a static external-access token allowed to call the process-exceptions plugin',
        );
      }
      return EXIT_CODES.rejected;
    }
    const attempts =
      error.attempts > 1 ? ` after ${error.attempts} attempts` : '';
    print(`the backend failed (${what})${attempts}: ${error.message}`);
    return EXIT_CODES.unavailable;
  }
  if (error instanceof ProcessExceptionsNetworkError) {
    print(error.message);
    return EXIT_CODES.unavailable;
  }
  // A bug rather than a verdict on the request; keep the stack for the report.
  print(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return EXIT_CODES.unavailable;
}
