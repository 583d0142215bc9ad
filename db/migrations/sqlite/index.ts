import { Foundation1764000000000 } from './1764000000000-foundation.js';
import { Accounts1764100000000 } from './1764100000000-accounts.js';
import { Clicks1764200000000 } from './1764200000000-clicks.js';

/** SQLite migrations in the order they apply. */
export const sqliteMigrations = [Foundation1764000000000, Accounts1764100000000, Clicks1764200000000];
