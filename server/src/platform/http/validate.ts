import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Parses outside input with a contract schema. A refinement that throws on input its pattern
 * already refused (`BigInt('1.5')`) is still the caller's bad input: a 400, never a 500.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  try {
    return schema.parse(value);
  } catch (error) {
    if (error instanceof z.ZodError) throw error;
    throw new AppError('VALIDATION_FAILED', 400, 'The request is not valid.');
  }
}

/**
 * Parses one part of the request with a contract schema and replaces it with the parsed value, so
 * handlers only ever see validated data. A failure becomes a 400 problem through the error handler.
 */
export function validateBody<T extends z.ZodType>(schema: T): RequestHandler {
  return (req, _res, next) => {
    req.body = parseInput(schema, req.body ?? {});
    next();
  };
}

export function validateQuery<T extends z.ZodType>(schema: T): RequestHandler {
  return (req, _res, next) => {
    // Express 5 exposes req.query as a getter; keep the parsed value where handlers read it.
    res_locals_set(req, 'query', parseInput(schema, req.query));
    next();
  };
}

export function validateParams<T extends z.ZodType>(schema: T): RequestHandler {
  return (req, _res, next) => {
    res_locals_set(req, 'params', parseInput(schema, req.params));
    next();
  };
}

function res_locals_set(req: Parameters<RequestHandler>[0], key: 'query' | 'params', value: unknown) {
  Object.defineProperty(req, key, { value, writable: true, configurable: true, enumerable: true });
}

/** Reads the value stored by `validateQuery`/`validateParams` with its parsed type. */
export function parsed<T extends z.ZodType>(_schema: T, value: unknown): z.infer<T> {
  return value as z.infer<T>;
}
