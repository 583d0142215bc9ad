import assert from 'node:assert/strict';
import { validate } from '@readme/openapi-parser';
import request from 'supertest';
import { listRoutes } from '../../server/src/platform/http/route-list.js';
import { toOpenApiPath } from '../../server/src/platform/http/api-router.js';
import { ctx } from '../helpers/context.js';

/** The document and its viewer describe the API; they are not part of it. */
const DOCUMENTATION_ROUTES = /^\/api\/(openapi\.json|docs)(\/|$)/;

describe('OpenAPI document', () => {
  it('is served at /api/openapi.json and is valid OpenAPI 3.1', async () => {
    const response = await request(ctx().app.express).get('/api/openapi.json');
    assert.equal(response.status, 200);
    assert.equal(response.body.openapi, '3.1.0');
    const result = await validate(structuredClone(response.body));
    assert.equal(result.valid, true, JSON.stringify(result.valid ? [] : result.errors, null, 2));
  });

  it('lists every /api route the router serves (walked from Express, not a hand-kept list)', async () => {
    const document = (await request(ctx().app.express).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const apiRoutes = listRoutes(ctx().app.express).filter(
      (route) => route.path.startsWith('/api/') && !DOCUMENTATION_ROUTES.test(route.path),
    );
    assert.ok(apiRoutes.length >= 3, 'the walk finds the API routes');
    const missing = apiRoutes.filter(
      (route) => !document.paths[toOpenApiPath(route.path)]?.[route.method.toLowerCase()],
    );
    assert.deepEqual(missing, [], 'routes missing from the OpenAPI document');
  });

  it('describes one idempotency convention: every money write takes the Idempotency-Key header, no body carries a key', async () => {
    interface Operation {
      parameters?: Array<{ in: string; name: string; required?: boolean }>;
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
    }
    const document = (await request(ctx().app.express).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const moneyWrites = [
      '/api/v1/me/payouts',
      '/api/v1/admin/reconciliation/settlements',
      '/api/v1/admin/conversions/{id}/adjustments',
    ];
    for (const path of moneyWrites) {
      const operation = document.paths[path]?.post;
      const header = operation?.parameters?.find(
        (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
      );
      assert.ok(header, `${path} documents the Idempotency-Key header`);
      assert.equal(header.required, true, path);
      const reference = operation?.requestBody?.content['application/json']?.schema.$ref;
      assert.ok(reference, `${path} has a named body`);
      const body = document.components.schemas[reference.replace('#/components/schemas/', '')];
      assert.ok(body?.properties, reference);
      assert.equal('idempotencyKey' in body.properties, false, `${path}: the key travels in the header only`);
    }
  });

  it('serves the docs page and Swagger UI from our own origin', async () => {
    const page = await request(ctx().app.express).get('/api/docs');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /https?:\/\//, 'no external asset URLs');
    const script = await request(ctx().app.express).get('/api/docs/assets/swagger-ui-bundle.js');
    assert.equal(script.status, 200);
  });
});
