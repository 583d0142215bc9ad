import { Generated, PrimaryColumn, type ValueTransformer } from 'typeorm';
import { MAX_STORABLE_MINOR } from '@shared/money.js';

/**
 * Money columns are BIGINT minor units. Drivers hand them back as strings (mysql2 with
 * bigNumberStrings) or as JavaScript numbers (better-sqlite3), which are exact only up to 2^53 − 1.
 * So amounts are bounded to that range on the way in — no amount we store can come back
 * different — and the domain always sees a `bigint`, so no float ever touches an amount.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => {
    if (value === null || value === undefined) return value;
    assertStorableAmount(value);
    return value.toString();
  },
  from: (value: string | number | bigint | null) => {
    if (value === null) return null;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`money column returned an inexact value: ${value}`);
    }
    return BigInt(value);
  },
};

export function assertStorableAmount(value: bigint): void {
  if (value > MAX_STORABLE_MINOR || value < -MAX_STORABLE_MINOR) {
    throw new RangeError(
      `amount ${value} is outside the storable range of ±${MAX_STORABLE_MINOR} minor units`,
    );
  }
}

/** Auto-increment BIGINT ids travel as strings: JSON-safe and equal on both dialects. */
export const idTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | bigint | null) => (value === null ? null : String(value)),
};

/** JSON kept in a TEXT column, portable across SQLite and MySQL/MariaDB. */
export const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};

/** Auto-increment BIGINT primary key, exposed as a string (see `idTransformer`). */
export function IdColumn(): PropertyDecorator {
  return (target, property) => {
    PrimaryColumn({ type: 'bigint', transformer: idTransformer })(target, property);
    Generated('increment')(target, property);
  };
}
