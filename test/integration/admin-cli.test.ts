import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity.js';
import { openDatabase } from '../../server/src/database.js';
import { verifyPassword } from '../../server/src/platform/security/passwords.js';
import { Browser, signedUpShopper, uniqueEmail } from '../helpers/accounts.js';
import { ctx } from '../helpers/context.js';
import { createTestDatabase } from '../helpers/test-database.js';

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

function cli(script: string, args: string[], target: { type: string; url: string } = ctx().target) {
  return spawnSync(process.execPath, ['--import', 'tsx', `server/src/cli/${script}`, ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DB_TYPE: target.type, DATABASE_URL: target.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run demo:password', () => {
  it('when run, then both demo accounts get a new password printed once, audited, and their sessions end', async function () {
    this.timeout(60_000);
    const first = cli('demo-password.ts', []);
    assert.equal(first.status, 0, first.stderr);
    const passwords = new Map(
      [
        ...first.stdout.matchAll(/^(\S+@vratka\.test) \((\w+)\): new password \(shown only now\): (\S+)$/gm),
      ].map((match) => [match[1]!, match[3]!]),
    );
    assert.deepEqual([...passwords.keys()].sort(), ['admin@vratka.test', 'shopper@vratka.test']);
    for (const [email, password] of passwords) {
      const user = await ctx().database.manager.findOneByOrFail(User, { email });
      assert.equal(await verifyPassword(user.passwordHash!, password), true, email);
      const resets = await ctx().database.manager.findBy(AuditEntry, {
        subjectUserId: user.id,
        action: 'password_reset',
      });
      assert.ok(
        resets.some((entry) => entry.actorKind === 'system'),
        `${email}: audited as a system action`,
      );
    }

    // A session of the demo shopper ends when the password changes again.
    const browser = await new Browser().start();
    await browser.login('shopper@vratka.test', passwords.get('shopper@vratka.test')).then((response) => {
      assert.equal(response.status, 200, JSON.stringify(response.body));
    });
    await browser.get('/api/v1/me').expect(200);
    const second = cli('demo-password.ts', ['--email', 'shopper@vratka.test']);
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /admin@vratka\.test/);
    await browser.get('/api/v1/me').expect(401);
    const newPassword = /new password \(shown only now\): (\S+)/.exec(second.stdout)?.[1];
    assert.ok(newPassword && newPassword !== passwords.get('shopper@vratka.test'));
    const again = await new Browser().start();
    assert.equal((await again.login('shopper@vratka.test', newPassword)).status, 200);
  });

  it('when the account does not exist, then it exits 1; a bad e-mail exits 2', () => {
    const missing = cli('demo-password.ts', ['--email', uniqueEmail('nobody')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no such account/);
    assert.equal(cli('demo-password.ts', ['--email', 'not-an-email']).status, 2);
  });
});

describe('npm run db:seed', () => {
  it('when run on an empty database, then it migrates and seeds once, printing the demo credentials; a second run changes nothing', async function () {
    this.timeout(120_000);
    const target = await createTestDatabase();
    try {
      const first = cli('seed.ts', [], target);
      assert.equal(first.status, 0, first.stderr);
      assert.match(
        first.stdout,
        /Demo data seeded\..*demo shopper: shopper@vratka\.test \/ \S+; demo admin: admin@vratka\.test \/ \S+/,
      );
      const database = await openDatabase({ type: target.type, url: target.url, poolSize: 2 }, ctx().logger);
      try {
        const counts = async () =>
          Promise.all(
            ['networks', 'shops', 'cashback_rules', 'users'].map(async (table) => {
              const [row] = await database.dataSource.query<Array<{ n: number | string }>>(
                `SELECT COUNT(*) AS n FROM ${table}`,
              );
              return Number(row!.n);
            }),
          );
        const seeded = await counts();
        assert.ok(
          seeded.every((count) => count > 0),
          `seeded: ${seeded.join(', ')}`,
        );

        const second = cli('seed.ts', [], target);
        assert.equal(second.status, 0, second.stderr);
        assert.match(second.stdout, /nothing was seeded/);
        assert.doesNotMatch(second.stdout, /demo admin:/);
        assert.deepEqual(await counts(), seeded);
      } finally {
        await database.close();
      }
    } finally {
      await target.drop();
    }
  });
});
