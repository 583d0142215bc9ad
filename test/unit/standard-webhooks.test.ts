import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import {
  signWebhook,
  verifyWebhook,
  webhookKeyFromSecret,
} from '../../server/src/platform/security/standard-webhooks.js';

/** Test vectors, signed by the reference `standardwebhooks` library as an independent implementation. */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_' + Buffer.alloc(24, 7).toString('base64');
const NOW = new Date('2026-11-25T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const BODY = Buffer.from(
  '{"id":"evt_1","order_id":"A-1","order_amount":"1234.50","commission":"61.73","currency":"CZK","status":"pending"}',
);

function referenceSignature(secret: string, id: string, timestampS: number, body: Buffer): string {
  return new Webhook(secret).sign(id, new Date(timestampS * 1000), body.toString('utf8'));
}

const keys = [webhookKeyFromSecret(SECRET)];
const check = (headers: { id?: string; timestamp?: string; signature?: string }, body = BODY) =>
  verifyWebhook(headers, body, keys, NOW);

describe('Standard Webhooks verification', () => {
  it('accepts a signature made by the reference library, and signs the same bytes itself', () => {
    const signature = referenceSignature(SECRET, 'msg_1', NOW_S, BODY);
    assert.equal(signWebhook(keys[0]!, 'msg_1', NOW_S, BODY), signature);
    assert.deepEqual(check({ id: 'msg_1', timestamp: String(NOW_S), signature }), { ok: true });
  });

  it('accepts when one of two signatures is valid (their rotation)', () => {
    const valid = referenceSignature(SECRET, 'msg_2', NOW_S, BODY);
    const stale = referenceSignature(OTHER_SECRET, 'msg_2', NOW_S, BODY);
    assert.deepEqual(check({ id: 'msg_2', timestamp: String(NOW_S), signature: `${stale} ${valid}` }), {
      ok: true,
    });
  });

  it('accepts any of several keys (our rotation)', () => {
    const signature = referenceSignature(OTHER_SECRET, 'msg_3', NOW_S, BODY);
    assert.deepEqual(
      verifyWebhook(
        { id: 'msg_3', timestamp: String(NOW_S), signature },
        BODY,
        [keys[0]!, webhookKeyFromSecret(OTHER_SECRET)],
        NOW,
      ),
      { ok: true },
    );
  });

  it('refuses a body changed by one byte', () => {
    const signature = referenceSignature(SECRET, 'msg_4', NOW_S, BODY);
    const changed = Buffer.from(BODY);
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1;
    assert.deepEqual(check({ id: 'msg_4', timestamp: String(NOW_S), signature }, changed), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses the same JSON re-serialised (signatures are over the raw bytes)', () => {
    const signature = referenceSignature(SECRET, 'msg_5', NOW_S, BODY);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
    assert.deepEqual(check({ id: 'msg_5', timestamp: String(NOW_S), signature }, reserialised), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a signature made with the wrong secret', () => {
    const signature = referenceSignature(OTHER_SECRET, 'msg_6', NOW_S, BODY);
    assert.deepEqual(check({ id: 'msg_6', timestamp: String(NOW_S), signature }), {
      ok: false,
      reason: 'bad_signature',
    });
  });

  for (const [offset, ok] of [
    [-299, true],
    [-301, false],
    [299, true],
    [301, false],
  ] as const) {
    it(`with a fixed clock, a timestamp ${offset > 0 ? '+' : ''}${offset} s away is ${ok ? 'accepted' : 'refused'}`, () => {
      const timestamp = NOW_S + offset;
      const signature = referenceSignature(SECRET, 'msg_7', timestamp, BODY);
      const verdict = check({ id: 'msg_7', timestamp: String(timestamp), signature });
      assert.deepEqual(verdict, ok ? { ok: true } : { ok: false, reason: 'stale_timestamp' });
    });
  }

  it('refuses missing headers, a non-numeric timestamp and a signature of the wrong length', () => {
    const signature = referenceSignature(SECRET, 'msg_8', NOW_S, BODY);
    assert.deepEqual(check({ timestamp: String(NOW_S), signature }), {
      ok: false,
      reason: 'missing_headers',
    });
    assert.deepEqual(check({ id: 'msg_8', signature }), { ok: false, reason: 'missing_headers' });
    assert.deepEqual(check({ id: 'msg_8', timestamp: String(NOW_S) }), {
      ok: false,
      reason: 'missing_headers',
    });
    assert.deepEqual(check({ id: 'msg_8', timestamp: 'yesterday', signature }), {
      ok: false,
      reason: 'bad_timestamp',
    });
    assert.deepEqual(check({ id: 'msg_8', timestamp: String(NOW_S), signature: signature.slice(0, -8) }), {
      ok: false,
      reason: 'bad_signature',
    });
    assert.deepEqual(
      check({ id: 'msg_8', timestamp: String(NOW_S), signature: signature.replace('v1,', 'v2,') }),
      {
        ok: false,
        reason: 'bad_signature',
      },
    );
  });
});
