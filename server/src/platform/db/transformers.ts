import { Generated, PrimaryColumn, type ValueTransformer } from 'typeorm';

/**
 * Money columns are BIGINT minor units. Drivers hand them back as strings (mysql2 with
 * bigNumberStrings) or numbers (SQLite); the domain always sees a `bigint`, so no float ever
 * touches an amount.
 */
export const moneyTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | number | bigint | null) => (value === null ? null : BigInt(value)),
};

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
