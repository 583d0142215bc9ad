import type { Router } from 'express';
import express from 'express';
import type { Database } from '../../platform/db/database.js';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../platform/http/errors.js';

/** A database that has not answered `SELECT 1` within this long counts as down. */
const PING_TIMEOUT_MS = 2000;

/**
 * Liveness and readiness in one: 200 when the database answers, 503 (with `Retry-After`) when it
 * does not, or not within PING_TIMEOUT_MS — a load balancer must not wait on a hung connection.
 */
export function healthRouter(database: Database): Router {
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      const latencyMs = await withTimeout(database.ping(), PING_TIMEOUT_MS);
      res.json({
        status: 'ok',
        database: { status: 'up', dialect: database.dialect, latencyMs: round(latencyMs) },
      });
    } catch {
      res
        .status(503)
        .set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS))
        .json({ status: 'unavailable', database: { status: 'down', dialect: database.dialect } });
    }
  });
  return router;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
