import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { verifyPassword } from '../../server/src/platform/security/passwords.js';
import { signedUpShopper, uniqueEmail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';

function adminCreate(...args: string[]) {
  const { target } = ctx();
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin-create.ts', ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DB_TYPE: target.type, DATABASE_URL: target.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run admin:create', () => {
  it('when the e-mail is new, then an admin is created with a one-time password printed once', async () => {
    const email = uniqueEmail('cli-admin');
    const result = adminCreate('--email', email);
    assert.equal(result.status, 0, result.stderr);
    const password = /One-time password[^:]*: (\S+)/.exec(result.stdout)?.[1];
    assert.ok(password, result.stdout);
    const user = await ctx().database.manager.findOneByOrFail(User, { email });
    assert.equal(user.role, 'admin');
    assert.equal(await verifyPassword(user.passwordHash!, password), true);
    const actions = await ctx().database.manager.find(AuditEntry, { where: { subjectUserId: user.id } });
    assert.deepEqual(actions.map((entry) => [entry.action, entry.actorKind]).sort(), [
      ['register', 'system'],
      ['role_changed', 'system'],
    ]);
  });

  it('when the account exists, then it is promoted without a new password; a bad e-mail exits 2', async () => {
    const { email, userId } = await signedUpShopper('cli-promote');
    const before = await ctx().database.manager.findOneByOrFail(User, { id: userId });
    const result = adminCreate('--email', email);
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stdout, /password/i);
    const after = await ctx().database.manager.findOneByOrFail(User, { id: userId });
    assert.equal(after.role, 'admin');
    assert.equal(after.passwordHash, before.passwordHash);
    assert.equal(adminCreate('--email', 'not-an-email').status, 2);
  });
});
