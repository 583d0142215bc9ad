const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lowercase RFC 4648 base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * A pseudonymous id: 128 bits from the platform CSPRNG as 26 base32 characters. Used for clicks
 * (the sub-ID networks see) and for the visitor cookie. Never derived from a user.
 */
export function randomId128(): string {
  // Random bytes are drawn in blocks (one CSPRNG call per 256 ids): the click path makes many.
  if (poolOffset + 16 > randomPool.length) {
    globalThis.crypto.getRandomValues(randomPool);
    poolOffset = 0;
  }
  const bytes = randomPool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return base32(bytes);
}

const randomPool = new Uint8Array(4096);
let poolOffset = randomPool.length;

export const ID128_PATTERN = /^[a-z2-7]{26}$/;
