import type { Router } from 'express';
import express from 'express';
import type { Database } from '../../platform/db/database.js';

/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
export function healthRouter(database: Database): Router {
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    try {
      const latencyMs = await database.ping();
      res.json({
        status: 'ok',
        database: { status: 'up', dialect: database.dialect, latencyMs: round(latencyMs) },
      });
    } catch {
      res
        .status(503)
        .json({ status: 'unavailable', database: { status: 'down', dialect: database.dialect } });
    }
  });
  return router;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
