import assert from 'node:assert/strict';
import { safeReturnPath } from '../../shared/src/redirects.js';
import { OPEN_REDIRECT_PAYLOADS } from '../fixtures/open-redirect-payloads.js';

describe('return-to paths (login ?next=)', () => {
  it(`keeps ${OPEN_REDIRECT_PAYLOADS.length} open-redirect payloads on our own origin`, () => {
    assert.ok(OPEN_REDIRECT_PAYLOADS.length >= 100);
    for (const payload of OPEN_REDIRECT_PAYLOADS) {
      const result = safeReturnPath(payload);
      assert.ok(
        result.startsWith('/') && !result.startsWith('//') && !result.includes('\\'),
        `${payload} → ${result}`,
      );
      assert.equal(
        new URL(result, 'https://vratka.test').origin,
        'https://vratka.test',
        `${payload} → ${result}`,
      );
    }
  });

  it('keeps ordinary paths with their query', () => {
    assert.equal(safeReturnPath('/go/alza-cz?to=https%3A%2F%2Fwww.alza.cz%2F'), '/');
    assert.equal(safeReturnPath('/shops/alza-cz'), '/shops/alza-cz');
    assert.equal(safeReturnPath('/settings?tab=tokens'), '/settings?tab=tokens');
    assert.equal(safeReturnPath(undefined, '/home'), '/home');
  });
});
