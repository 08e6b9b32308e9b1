import { EXIT_CODES } from './exitCodes';

/** Bad arguments or input: nothing was sent. */
export class UsageError extends Error {
  readonly exitCode = EXIT_CODES.rejected;

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
