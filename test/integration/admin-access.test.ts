import assert from 'node:assert/strict';
import request from 'supertest';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { listRoutes } from '../../server/src/platform/http/route-list.js';
import { signedUpShopper } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

/** Every admin route, found by walking the router, so new routes are covered without editing this test. */
function adminRoutes() {
  return listRoutes(ctx().app.express)
    .filter((route) => route.path.startsWith('/api/v1/admin/'))
    .map((route) => ({ ...route, url: route.path.replace(/:[A-Za-z0-9_]+/g, '1') }));
}

async function withRole(role: User['role'], label: string) {
  const shopper = await signedUpShopper(label);
  await ctx().database.manager.update(User, { id: shopper.userId }, { role });
  return shopper;
}

describe('admin access', () => {
  it('finds the admin routes by walking the router', () => {
    assert.ok(adminRoutes().length >= 4, JSON.stringify(adminRoutes()));
  });

  it('when a shopper calls any /api/v1/admin route, then 403; anonymous gets 401', async () => {
    const { browser } = await signedUpShopper('not-admin');
    for (const route of adminRoutes()) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const response = await browser.agent[method](route.url).set('X-CSRF-Token', browser.csrfToken).send({});
      assert.equal(response.status, 403, `${route.method} ${route.url}`);
      assert.equal(response.body.code, 'FORBIDDEN');
      const anonymous = await request(ctx().app.express)[method](route.url);
      assert.ok(
        [401, 403].includes(anonymous.status),
        `${route.method} ${route.url} anonymous: ${anonymous.status}`,
      );
    }
  });

  it('when support reads a shopper, then the read is audited; support cannot change roles', async () => {
    const support = await withRole('support', 'support');
    const subject = await signedUpShopper('subject');
    const read = await support.browser.get(`/api/v1/admin/users/${subject.userId}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.email, subject.email);
    const viewed = await ctx().database.manager.findOneBy(AuditEntry, {
      subjectUserId: subject.userId,
      action: 'personal_data_viewed',
    });
    assert.equal(viewed?.actorUserId, support.userId);
    const promote = await support.browser.put(`/api/v1/admin/users/${subject.userId}/role`, {
      role: 'admin',
    });
    assert.equal(promote.status, 403);
    assert.equal(
      (await ctx().database.manager.findOneByOrFail(User, { id: subject.userId })).role,
      'shopper',
    );
  });

  it('when an admin changes a role, then it is audited with before and after', async () => {
    const admin = await withRole('admin', 'admin');
    const subject = await signedUpShopper('promoted');
    const response = await admin.browser.put(`/api/v1/admin/users/${subject.userId}/role`, {
      role: 'finance',
    });
    assert.equal(response.status, 200);
    assert.equal(response.body.role, 'finance');
    const entry = await ctx().database.manager.findOneByOrFail(AuditEntry, {
      subjectUserId: subject.userId,
      action: 'role_changed',
    });
    assert.deepEqual(
      [entry.before, entry.after, entry.actorUserId],
      [{ role: 'shopper' }, { role: 'finance' }, admin.userId],
    );
    const self = await admin.browser.put(`/api/v1/admin/users/${admin.userId}/role`, { role: 'shopper' });
    assert.equal(self.status, 400);
  });
});
