import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';

/**
 * With innodb_flush_log_at_trx_commit other than 1, a crash can lose transactions that were
 * already acknowledged — credits a network was told we recorded. Warn loudly at boot.
 */
export async function checkDurability(dataSource: DataSource, logger: Logger): Promise<boolean> {
  const rows = await dataSource.query<
    Array<{
      value: string | number;
    }>
  >('SELECT @@innodb_flush_log_at_trx_commit AS value');
  const value = Number(rows[0]?.value);
  if (value !== 1) {
    logger.warn(
      { innodb_flush_log_at_trx_commit: value },
      '!!! innodb_flush_log_at_trx_commit is not 1: committed money movements can be lost on a crash. ' +
        'Set innodb_flush_log_at_trx_commit=1 in the server configuration.',
    );
    return false;
  }
  return true;
}
