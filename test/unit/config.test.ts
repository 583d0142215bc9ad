import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../server/src/config.js';

const PRODUCTION_SECRETS = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a-production-session-secret-that-is-long-enough',
  APP_KEYS: `1:${Buffer.alloc(32, 7).toString('base64')}`,
  PUBLIC_URL: 'https://vratka.example',
  SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
  SMTP_URL: 'smtp://mail.vratka.example:587',
  DB_TYPE: 'mariadb',
  DATABASE_URL: 'mysql://vratka:secret@db.vratka.example:3306/vratka',
};

describe('config', () => {
  it('when nothing is set, then development defaults run on SQLite with file mail', () => {
    const config = loadConfig({});
    assert.equal(config.env, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.database.type, 'sqlite');
    assert.match(config.database.url, /data[/\\]vratka\.sqlite$/);
    assert.equal(config.mail.transport, 'file');
    assert.equal(config.seedDemo, true);
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.database));
  });

  it('when production has every secret, then it loads without development fallbacks', () => {
    const config = loadConfig(PRODUCTION_SECRETS);
    assert.equal(config.isProduction, true);
    assert.equal(config.sessionSecret, PRODUCTION_SECRETS.SESSION_SECRET);
    assert.equal(config.mail.transport, 'smtp');
    assert.equal(config.seedDemo, false);
  });

  for (const missing of [
    'SESSION_SECRET',
    'APP_KEYS',
    'SECRETS_KEY',
    'PUBLIC_URL',
    'SMTP_URL',
    'DATABASE_URL',
  ] as const) {
    it(`when production lacks ${missing}, then loading fails naming it`, () => {
      const env: Record<string, string> = { ...PRODUCTION_SECRETS };
      delete env[missing];
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && error.message.includes(missing),
      );
    });
  }

  it('when a value is malformed, then the message names the variable and the rule', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', APP_KEYS: '1:c2hvcnQ=' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /PORT/.test(error.message) &&
        /APP_KEYS.*32 bytes/.test(error.message),
    );
  });

  it('when production uses the development session secret, then it is refused', () => {
    assert.throws(
      () =>
        loadConfig({
          ...PRODUCTION_SECRETS,
          SESSION_SECRET: 'development-only-session-secret-do-not-use-in-production',
        }),
      /development default/,
    );
  });

  it('when the server starts in production without secrets, then it exits 1 with a readable message', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /Invalid configuration/);
    assert.match(result.stderr, /SESSION_SECRET: required when NODE_ENV=production/);
    assert.doesNotMatch(result.stderr, / {4}at /, 'no stack trace');
  });
});
