/** Driver error helpers that hide the dialect from services. */

interface DriverErrorShape {
  code?: string;
  errno?: number;
  message?: string;
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
 * timeouts, Galera certification failures (which MariaDB reports as a deadlock, 1213), and a
 * SQLite read snapshot that another process's commit made stale (`SQLITE_BUSY_SNAPSHOT`, raised at
 * once). A plain `SQLITE_BUSY` comes only after the connection's busy timeout (5 s) was spent
 * waiting for another process's lock: running again would keep the caller waiting another 5 s a
 * time, so it counts as the database being unavailable instead (`isDatabaseUnavailable`).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (error instanceof TransactionConflict) return true;
  const driver = driverErrorOf(error);
  return (
    driver?.errno === 1213 ||
    driver?.errno === 1205 ||
    driver?.code === 'ER_LOCK_DEADLOCK' ||
    driver?.code === 'ER_LOCK_WAIT_TIMEOUT' ||
    driver?.code === 'SQLITE_BUSY_SNAPSHOT'
  );
}

/** Socket and mysql2 protocol codes of a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  // The server is there but takes no one (more): too many connections, shutting down, the
  // connection killed, or a Galera node that left the cluster's primary component (1047).
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_UNKNOWN_COM_ERROR',
  // A lock wait that outlasted the transaction helper's retries: busy, not broken.
  'ER_LOCK_WAIT_TIMEOUT',
]);
const CONNECTION_ERRNOS = new Set([1040, 1047, 1053, 1205, 1927, 2002, 2003, 2006, 2013]);

/** mysql2 errors that carry no code, recognised by their text. */
const CONNECTION_MESSAGES = [
  'Connection lost',
  "Can't add new command when connection is in closed state",
  'connect ETIMEDOUT',
  'Pool is closed',
  'Timeout acquiring a connection',
];

/**
 * The database cannot be reached or will not take work right now — as opposed to a fault in the
 * request or in our code. The HTTP layer answers these with 503 and `Retry-After`, so a network's
 * postback is sent again and a browser can retry, instead of a 500 that reads as our bug.
 *
 * MySQL/MariaDB: connecting refused, reset, timed out or unresolvable; a connection lost mid-query;
 * too many connections; the server shutting down; a lock wait outlasting the retries. SQLite: the
 * file busy or locked by another process beyond the busy timeout, or the file that cannot be
 * opened, read or written (disk I/O error, disk full).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driver = driverErrorOf(error);
  if (!driver) return false;
  const code = driver.code;
  if (code !== undefined) {
    if (CONNECTION_CODES.has(code)) return true;
    if (
      /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)(_|$)/.test(code) ||
      code === 'SQLITE_FULL' ||
      code === 'SQLITE_PROTOCOL'
    )
      return true;
  }
  if (driver.errno !== undefined && CONNECTION_ERRNOS.has(driver.errno)) return true;
  const message = typeof driver.message === 'string' ? driver.message : '';
  return CONNECTION_MESSAGES.some((text) => message.includes(text));
}
