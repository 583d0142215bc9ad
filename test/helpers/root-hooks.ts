import { startTestContext, stopTestContext } from './context.js';

/** Mocha root hooks: one migrated database and SMTP catcher for the whole run. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await startTestContext();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestContext();
  },
};
