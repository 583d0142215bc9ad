import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Accounts1764100000000 } from './1764100000000-accounts.js';

/** MySQL/MariaDB migrations in the order they apply. */
export const mysqlMigrations = [Foundation1764000000000, Accounts1764100000000];
