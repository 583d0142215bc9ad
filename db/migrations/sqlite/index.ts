import { Foundation1764000000000 } from './1764000000000-foundation.js';

/** SQLite migrations in the order they apply. */
export const sqliteMigrations = [Foundation1764000000000];
