import assert from 'node:assert/strict';
import request from 'supertest';
import { ctx } from '../helpers/context.js';

const PROBLEM = /^application\/problem\+json/;

function assertProblem(response: request.Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.match(response.headers['content-type'] ?? '', PROBLEM);
  assert.equal(response.body.code, code);
  assert.equal(response.body.status, status);
  assert.ok(!JSON.stringify(response.body).includes('    at '), 'no stack trace in the answer');
}

describe('HTTP spine', () => {
  it('when the JSON body is malformed, then 400 problem+json MALFORMED_BODY', async () => {
    const response = await request(ctx().app.express)
      .post('/api/v1/shops')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    assertProblem(response, 400, 'MALFORMED_BODY');
  });

  it('when the body is over the limit, then 413 problem+json BODY_TOO_LARGE', async () => {
    const response = await request(ctx().app.express)
      .post('/api/v1/shops')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ filler: 'x'.repeat(200 * 1024) }));
    assertProblem(response, 413, 'BODY_TOO_LARGE');
  });

  it('when an API route does not exist, then 404 problem+json naming it', async () => {
    const response = await request(ctx().app.express).get('/api/v1/no-such-thing?x=1');
    assertProblem(response, 404, 'NOT_FOUND');
    assert.match(response.body.detail, /GET \/api\/v1\/no-such-thing/);
  });

  it('when a query parameter is unknown or invalid, then 400 VALIDATION_FAILED listing it', async () => {
    const response = await request(ctx().app.express).get('/api/v1/shops?market=de&role=admin');
    assertProblem(response, 400, 'VALIDATION_FAILED');
    const paths = (response.body.errors as Array<{ path: string }>).map((error) => error.path);
    assert.ok(paths.includes('market'));
  });

  it('when a malformed percent-encoding is in the path, then 4xx, not 5xx', async () => {
    const response = await request(ctx().app.express).get('/api/v1/shops/%E0%A4%A');
    assert.ok(response.status >= 400 && response.status < 500, `got ${response.status}`);
  });

  it('sends security headers: strict CSP, no X-Powered-By, nosniff, frame-ancestors none', async () => {
    const response = await request(ctx().app.express).get('/api/v1/markets');
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-powered-by'], undefined);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    const csp = response.headers['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('gives every response a request id, keeping a well-formed incoming one', async () => {
    const generated = await request(ctx().app.express).get('/api/v1/markets');
    assert.match(generated.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
    const kept = await request(ctx().app.express)
      .get('/api/v1/nothing')
      .set('X-Request-Id', 'trace-12345678');
    assert.equal(kept.headers['x-request-id'], 'trace-12345678');
    assert.equal(kept.body.requestId, 'trace-12345678');
    const replaced = await request(ctx().app.express)
      .get('/api/v1/markets')
      .set('X-Request-Id', 'bad id <script>');
    assert.match(replaced.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
  });

  it('GET /healthz checks the database and answers 200 with its status', async () => {
    const response = await request(ctx().app.express).get('/healthz');
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'ok');
    assert.equal(response.body.database.status, 'up');
    assert.equal(response.body.database.dialect, ctx().database.dialect);
  });

  it('does not answer server paths with the web client', async () => {
    // (`/go/unknown-shop` is a friendly 404 page by design; see the clicks tests.)
    for (const path of ['/api/v1/unknown', '/postback/unknown', '/u/some-token']) {
      const response = await request(ctx().app.express).get(path).set('Accept', 'text/html');
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(response.text, /<div id="root">/, path);
    }
  });
});

describe('markets', () => {
  it('lists CZ (CZK, cs, 200 CZK minimum) and SK (EUR, sk, 10 EUR minimum)', async () => {
    const response = await request(ctx().app.express).get('/api/v1/markets');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.items, [
      {
        code: 'cz',
        countryCode: 'CZ',
        currency: 'CZK',
        language: 'cs',
        minimumPayout: { amountMinor: '20000', currency: 'CZK' },
      },
      {
        code: 'sk',
        countryCode: 'SK',
        currency: 'EUR',
        language: 'sk',
        minimumPayout: { amountMinor: '1000', currency: 'EUR' },
      },
    ]);
  });
});
