import path from 'node:path';
import { startTestContext, stopTestContext } from './context.js';

/** Mocha root hooks for browser tests: like the server suite's, but serving the built web client. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await startTestContext(path.resolve('client/dist'));
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestContext();
  },
};
