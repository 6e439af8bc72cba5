/** A validation problem at a field path (`applicant.citizenId`, `details.floors`). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/**
 * An error meant for the caller: a stable UPPER_SNAKE code, an HTTP status and a message that
 * is safe to show. Anything else that escapes a handler becomes a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly Issue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationFailed = (issues: readonly Issue[], message = 'The request is not valid.') =>
  new AppError(400, 'VALIDATION_FAILED', message, issues);

export const notFound = (what = 'Not found.') => new AppError(404, 'NOT_FOUND', what);

export const unauthorized = (message = 'A bearer token is required.') =>
  new AppError(401, 'UNAUTHORIZED', message);
