/**
 * The one error type of the platform. `code` decides the HTTP status (see server/http/error-handler.ts);
 * `message` is shown to the user and is always Chinese. `details` carries structured problems
 * (e.g. each geometry issue, each overlapping grid) so the UI can point at them.
 */
export type AppErrorCode =
  | 'bad_request' // 400: malformed input
  | 'unauthenticated' // 401
  | 'forbidden' // 403: role or scope does not allow it
  | 'not_found' // 404
  | 'conflict' // 409: state changed, duplicate
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'invalid' // 422: well-formed but breaks a rule (overlap, outside county…)
  | 'locked' // 423: account locked
  | 'rate_limited'; // 429

export interface AppErrorDetail {
  code: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
