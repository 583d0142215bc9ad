import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { requireRole, withRole, withScope } from '../../server/src/modules/accounts/index.js';
import { ApiRouter, type Caller } from '../../server/src/platform/http/api-router.js';
import { createErrorHandler } from '../../server/src/platform/http/errors.js';
import { hotReads } from '../../server/src/platform/http/hot-path.js';
import { createLogger } from '../../server/src/platform/logger.js';

const read = {
  path: '/staff/queue-size',
  summary: 'test',
  tags: ['test'],
  responses: { 200: { description: 'ok' } },
};

/** Callers by the test header: what the session check would have established. */
const callers: Record<string, Caller> = {
  shopper: { user: { id: '1', role: 'shopper' }, via: 'session', scopes: 'all' } as unknown as Caller,
  admin: { user: { id: '2', role: 'admin' }, via: 'session', scopes: 'all' } as unknown as Caller,
  adminToken: { user: { id: '2', role: 'admin' }, via: 'token', scopes: ['read'] } as unknown as Caller,
};
const callerOf = (req: IncomingMessage) => callers[String(req.headers['x-test-caller'])];

/** The three paths that serve a cached read, wired as app.ts wires them, with `served` counting hot answers. */
function serve(api: ApiRouter) {
  const identify: RequestHandler = (req, _res, next) => {
    const caller = callerOf(req);
    if (caller) req.auth = caller;
    next();
  };
  const app = express();
  app.use(api.cachedSessionRouter(identify));
  app.use(api.prefix, identify, api.router);
  app.use(createErrorHandler(createLogger('silent')));
  const noop = (_req: IncomingMessage, _res: unknown, next: () => void) => next();
  const hot = hotReads({
    routes: api.hotRoutes,
    authenticate: callerOf,
    logRequest: noop,
    securityHeaders: noop,
    fallback: app,
  });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!hot(req, res)) app(req, res);
  };
}

describe('cached reads run the same guards on every path', () => {
  it('when a cached read is given middleware instead of guards, or no guard, then registering it fails', () => {
    const api = new ApiRouter('/api/v1');
    assert.throws(
      () =>
        api.cachedRead(
          { ...read, before: [requireRole('admin')] } as unknown as Parameters<ApiRouter['cachedRead']>[0],
          () => ({}),
        ),
      /guards/,
    );
    assert.throws(
      () =>
        api.cachedRead(
          { ...read, guards: [] } as unknown as Parameters<ApiRouter['cachedRead']>[0],
          () => ({}),
        ),
      /at least one guard/,
    );
    assert.equal(api.hotRoutes.size, 0);
  });

  it('when a role-guarded cached read is asked by a shopper or a token, then no path serves it; an admin is served', async () => {
    const api = new ApiRouter('/api/v1');
    let answered = 0;
    api.cachedRead({ ...read, query: z.object({}).strict(), guards: [withRole('admin')] }, () => {
      answered += 1;
      return { size: 3 };
    });
    const listener = serve(api);

    for (const caller of ['shopper', 'adminToken']) {
      const refused = await request(listener).get('/api/v1/staff/queue-size').set('x-test-caller', caller);
      assert.equal(refused.status, 403, caller);
      assert.equal(refused.body.code, 'FORBIDDEN');
    }
    const anonymous = await request(listener).get('/api/v1/staff/queue-size');
    assert.equal(anonymous.status, 401);
    assert.equal(answered, 0, 'the handler never ran for a refused caller');

    const admin = await request(listener).get('/api/v1/staff/queue-size').set('x-test-caller', 'admin');
    assert.equal(admin.status, 200);
    assert.deepEqual(admin.body, { size: 3 });
    assert.equal(answered, 1);
  });

  it('when a token lacks the scope a cached read guards with, then the hot path does not serve it', async () => {
    const api = new ApiRouter('/api/v1');
    api.cachedRead({ ...read, path: '/me/payouts-summary', guards: [withScope('payouts')] }, () => ({
      ok: true,
    }));
    const response = await request(serve(api))
      .get('/api/v1/me/payouts-summary')
      .set('x-test-caller', 'adminToken');
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'INSUFFICIENT_SCOPE');
  });
});
