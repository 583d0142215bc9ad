import type { EntityManager } from 'typeorm';
import type { Database } from '../../platform/db/database.js';

/**
 * Moves the catalogue's version stamp (the one row of `catalogue_version`) on. Every change to
 * networks, shops or cashback rules calls it in its own transaction, so the stamp moves exactly
 * when the change commits. Called last in the transaction: the row is locked until the commit,
 * which serialises catalogue changes (rare, staff-made), and taking it after the changed rows'
 * own locks keeps one lock order everywhere.
 */
export async function bumpCatalogueVersion(manager: EntityManager): Promise<void> {
  await manager.query('UPDATE catalogue_version SET version = version + 1 WHERE id = 1');
}

/** The current version stamp (a string: a BIGINT). */
export async function readCatalogueVersion(database: Database): Promise<string> {
  const rows = await database.manager.query<Array<{ version: string | number | bigint }>>(
    'SELECT version FROM catalogue_version WHERE id = 1',
  );
  const version = rows[0]?.version;
  if (version === undefined) throw new Error('catalogue_version has no row (migrations not applied?)');
  return String(version);
}
