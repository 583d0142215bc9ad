import type { ErrorRequestHandler, Request, Response } from 'express';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/errors.js';
import type { Logger } from '../logger.js';

/**
 * One error type for the whole server. `code` is stable (clients and tests match on it), `status` is
 * the HTTP answer, and `expose` says whether `detail` may be shown to the caller. Services throw
 * these; only the error handler turns them into HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message: string) => new AppError(code, 404, message);
export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(code, 400, message, extra);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  req: Request,
  res: Response,
  status: number,
  code: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): void {
  const requestId = res.getHeader('X-Request-Id');
  const body: ProblemBody = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...extra,
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Seconds a client is asked to wait before trying again while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * The problem answered while the database cannot be reached (`isDatabaseUnavailable`): a 503 with
 * `Retry-After`, so that networks send their postbacks again and clients retry, never a 500.
 */
export function unavailableProblem(requestId: unknown): {
  status: 503;
  headers: Record<string, string>;
  body: ProblemBody;
} {
  return {
    status: 503,
    headers: {
      'Content-Type': 'application/problem+json',
      'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
    },
    body: {
      type: 'about:blank',
      title: TITLES[503]!,
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      detail: `The service is briefly unavailable. Try again in ${UNAVAILABLE_RETRY_AFTER_SECONDS} seconds.`,
      ...(typeof requestId === 'string' ? { requestId } : {}),
    },
  };
}

function zodIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Errors raised by body-parser carry `type` and `status`; they are the caller's fault. */
interface BodyParserError {
  type: string;
  status: number;
}
function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

const BODY_PARSER_CODES: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'MALFORMED_BODY', 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'BODY_TOO_LARGE', 'The request body is larger than allowed.'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'The request body encoding is not supported.'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'The request body charset is not supported.'],
  'request.aborted': [400, 'REQUEST_ABORTED', 'The request was aborted.'],
  'request.size.invalid': [400, 'BODY_SIZE_MISMATCH', 'The request body does not match its length.'],
  'parameters.too.many': [413, 'TOO_MANY_PARAMETERS', 'The request has too many parameters.'],
};

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof AppError) {
      // A 5xx AppError is our own mistake (e.g. an invalid ledger request): log it like any other.
      if (error.status >= 500)
        logger.error({ err: error, requestId: res.getHeader('X-Request-Id') }, error.code);
      sendProblem(req, res, error.status, error.code, error.message, error.extra);
      return;
    }
    if (error instanceof z.ZodError) {
      sendProblem(req, res, 400, 'VALIDATION_FAILED', 'The request is not valid.', {
        errors: zodIssues(error),
      });
      return;
    }
    if (isBodyParserError(error)) {
      const known = BODY_PARSER_CODES[error.type];
      if (known) {
        sendProblem(req, res, known[0], known[1], known[2]);
        return;
      }
      if (error.status >= 400 && error.status < 500) {
        sendProblem(req, res, error.status, 'BAD_REQUEST', 'The request could not be read.');
        return;
      }
    }
    if (error instanceof URIError) {
      sendProblem(req, res, 400, 'MALFORMED_URL', 'The request URL is not valid.');
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: one short line per request, no stack.
      logger.warn(
        { requestId: res.getHeader('X-Request-Id'), cause: describeDriverError(error) },
        'database unavailable',
      );
      const problem = unavailableProblem(res.getHeader('X-Request-Id'));
      res.status(problem.status).set(problem.headers).send(JSON.stringify(problem.body));
      return;
    }
    logger.error({ err: error, requestId: res.getHeader('X-Request-Id') }, 'unhandled error');
    sendProblem(req, res, 500, 'INTERNAL', 'Something went wrong on our side. It has been logged.');
  };
}

/** `code: message` of a driver error, for a log line without the stack. */
export function describeDriverError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const shape = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = shape.code ?? shape.driverError?.code;
  const message = typeof shape.message === 'string' ? shape.message : '';
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
