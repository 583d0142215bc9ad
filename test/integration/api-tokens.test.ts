import assert from 'node:assert/strict';
import request from 'supertest';
import { ApiToken } from '../../server/src/modules/api-tokens/api-token.entity.js';
import { sha256Hex } from '../../server/src/platform/security/signed-tokens.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('personal access tokens', () => {
  it('when a token is created, then its secret is shown once and stored only as a hash', async () => {
    const { browser, userId } = await signedUpShopper('pat');
    const created = await browser.post('/api/v1/me/tokens', { name: 'Portmonka', scopes: ['read'] });
    assert.equal(created.status, 201);
    const secret = created.body.token as string;
    assert.match(secret, /^vrk_[A-Za-z0-9_-]{43}$/);
    const stored = await ctx().database.manager.findOneByOrFail(ApiToken, { id: created.body.id });
    assert.equal(stored.tokenHash, sha256Hex(secret));
    assert.ok(!JSON.stringify(stored).includes(secret));
    assert.equal(stored.userId, userId);
    const list = await browser.get('/api/v1/me/tokens').expect(200);
    assert.equal(list.body.items.length, 1);
    assert.equal(list.body.items[0].token, undefined);
    assert.ok(!JSON.stringify(list.body).includes(secret));
  });

  it('works with Bearer on /me within its scope, needs no CSRF, and never reaches writes beyond scope or admin routes', async () => {
    const { browser } = await signedUpShopper('pat-scope');
    const secret = (await browser.post('/api/v1/me/tokens', { name: 'app', scopes: ['read'] })).body
      .token as string;
    const app = ctx().app.express;
    const me = await request(app).get('/api/v1/me').set(bearer(secret));
    assert.equal(me.status, 200);
    assert.equal((await request(app).get('/api/v1/me/audit').set(bearer(secret))).status, 200);
    const patch = await request(app).patch('/api/v1/me').set(bearer(secret)).send({ displayName: 'Robot' });
    assert.equal(patch.status, 403);
    assert.equal(patch.body.code, 'SESSION_REQUIRED');
    const mint = await request(app)
      .post('/api/v1/me/tokens')
      .set(bearer(secret))
      .send({ name: 'x', scopes: ['read'] });
    assert.equal(mint.status, 403);
    const admin = await request(app).get('/api/v1/admin/users').set(bearer(secret));
    assert.equal(admin.status, 403);
  });

  it('when a token lacks the read scope, then reading is 403 INSUFFICIENT_SCOPE', async () => {
    const { browser } = await signedUpShopper('pat-payouts');
    const secret = (await browser.post('/api/v1/me/tokens', { name: 'payouts only', scopes: ['payouts'] }))
      .body.token;
    const response = await request(ctx().app.express)
      .get('/api/v1/me')
      .set(bearer(secret as string));
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'INSUFFICIENT_SCOPE');
  });

  it('when a token is revoked, then it stops working; shopper B cannot see or revoke A’s tokens', async () => {
    const shopperA = await signedUpShopper('pat-a');
    const created = await shopperA.browser.post('/api/v1/me/tokens', { name: 'A', scopes: ['read'] });
    const shopperB = await signedUpShopper('pat-b');
    assert.equal((await shopperB.browser.get('/api/v1/me/tokens')).body.items.length, 0);
    const foreign = await shopperB.browser.delete(`/api/v1/me/tokens/${created.body.id}`);
    assert.equal(foreign.status, 404);
    assert.equal(
      (await request(ctx().app.express).get('/api/v1/me').set(bearer(created.body.token))).status,
      200,
    );

    await shopperA.browser.delete(`/api/v1/me/tokens/${created.body.id}`).expect(204);
    const after = await request(ctx().app.express).get('/api/v1/me').set(bearer(created.body.token));
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'INVALID_TOKEN');
    const actions = (await shopperA.browser.get('/api/v1/me/audit')).body.items.map(
      (item: { action: string }) => item.action,
    );
    assert.ok(actions.includes('token_created') && actions.includes('token_revoked'));
  });

  it('when the Authorization header is malformed or unknown, then 401 and no fallback to the cookie', async () => {
    const { browser } = await signedUpShopper('pat-bad');
    for (const header of ['Bearer nonsense', 'Basic dXNlcjpwYXNz', 'Bearer vrk_' + 'A'.repeat(43)]) {
      const response = await browser.agent.get('/api/v1/me').set('Authorization', header);
      assert.equal(response.status, 401, header);
    }
  });
});
