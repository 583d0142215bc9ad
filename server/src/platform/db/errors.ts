/** Driver error helpers that hide the dialect from services. */

interface DriverErrorShape {
  code?: string;
  errno?: number;
  driverError?: DriverErrorShape;
}

function driverErrorOf(error: unknown): DriverErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as DriverErrorShape;
  return shape.driverError ?? shape;
}

/** A UNIQUE or PRIMARY KEY violation: the row already exists (idempotency by unique keys). */
export function isUniqueViolation(error: unknown): boolean {
  const driver = driverErrorOf(error);
  return (
    driver?.errno === 1062 ||
    driver?.code === 'ER_DUP_ENTRY' ||
    driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    driver?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Thrown by a service when an optimistic check finds that another writer changed a row first
 * (e.g. a revision moved on): the transaction helper runs the whole transaction again.
 */
export class TransactionConflict extends Error {
  override readonly name = 'TransactionConflict';
}

/**
 * Errors after which the whole transaction may simply be run again: InnoDB deadlocks, lock wait
 * timeouts, and Galera certification failures (which MariaDB reports as a deadlock, 1213).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (error instanceof TransactionConflict) return true;
  const driver = driverErrorOf(error);
  return (
    driver?.errno === 1213 ||
    driver?.errno === 1205 ||
    driver?.code === 'ER_LOCK_DEADLOCK' ||
    driver?.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    driver?.code === 'SQLITE_BUSY'
  );
}
