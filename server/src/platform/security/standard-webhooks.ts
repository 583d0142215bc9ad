import { createHmac, timingSafeEqual } from 'node:crypto';

/** Standard Webhooks 1.0: the tolerance for `webhook-timestamp` around our clock. */
export const WEBHOOK_TOLERANCE_S = 300;

export type WebhookVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature' };

/** `whsec_<base64>` → the key bytes (the prefix is optional, as in the reference libraries). */
export function webhookKeyFromSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

export function signWebhook(key: Buffer, id: string, timestampS: number, rawBody: Buffer | string): string {
  const content = Buffer.concat([Buffer.from(`${id}.${timestampS}.`), Buffer.from(rawBody)]);
  return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
}

/**
 * Verifies a Standard Webhooks request over the raw body bytes: the timestamp within ±300 s of
 * `now`, and any of the space-separated `v1,<base64>` signatures matching any of the keys (key
 * rotation on our side, several signatures on theirs), compared in constant time.
 */
export function verifyWebhook(
  headers: { id?: string; timestamp?: string; signature?: string },
  rawBody: Buffer,
  keys: readonly Buffer[],
  now: Date,
): WebhookVerdict {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const timestampS = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - timestampS) > WEBHOOK_TOLERANCE_S)
    return { ok: false, reason: 'stale_timestamp' };
  const offered = signature
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => Buffer.from(value!, 'base64'));
  for (const key of keys) {
    const expected = Buffer.from(signWebhook(key, id, timestampS, rawBody).slice(3), 'base64');
    if (
      offered.some(
        (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
      )
    ) {
      return { ok: true };
    }
  }
  return { ok: false, reason: 'bad_signature' };
}
