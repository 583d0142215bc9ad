import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** MySQL/MariaDB migrations in the order they apply. */
export const mysqlMigrations = [Foundation1764000000000];
