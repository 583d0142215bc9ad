import path from 'node:path';
import { RuleTester } from 'eslint';
import { moduleBoundaries } from '../../eslint-rules/module-boundaries.js';

const root = path.resolve('.');
const at = (file: string) => path.join(root, file);
const options = [
  {
    root,
    forbidden: { ledger: ['*'], conversions: ['postbacks'] },
    entityRegistry: ['server/src/database.ts'],
  },
];

// RuleTester runs its cases as mocha tests (it finds describe/it globally).
new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } }).run(
  'module boundaries',
  moduleBoundaries,
  {
    valid: [
      {
        name: 'another module through its index',
        filename: at('server/src/modules/postbacks/postbacks.service.ts'),
        code: "import { ConversionsService } from '../conversions/index.js';",
        options,
      },
      {
        name: 'a file of its own module',
        filename: at('server/src/modules/conversions/conversions.service.ts'),
        code: "import { Conversion } from './conversion.entity.js';",
        options,
      },
      {
        name: 'platform from a module',
        filename: at('server/src/modules/ledger/ledger.service.ts'),
        code: "import { Database } from '../../platform/db/database.js';",
        options,
      },
      {
        name: 'the entity registry names entities',
        filename: at('server/src/database.ts'),
        code: "import { Conversion } from './modules/conversions/conversion.entity.js';",
        options,
      },
    ],
    invalid: [
      {
        name: "another module's entity",
        filename: at('server/src/modules/admin/admin-users.routes.ts'),
        code: "import { User } from '../accounts/user.entity.js';",
        options,
        errors: [{ messageId: 'internal' }],
      },
      {
        name: "another module's internal file, from a subfolder",
        filename: at('server/src/modules/postbacks/adapters/presets.ts'),
        code: "import { CONVERSION_STATES } from '../../conversions/conversion-state.js';",
        options,
        errors: [{ messageId: 'internal' }],
      },
      {
        name: "a re-export of another module's internals",
        filename: at('server/src/modules/shops/index.ts'),
        code: "export * from '../networks/networks.repository.js';",
        options,
        errors: [{ messageId: 'internal' }],
      },
      {
        name: 'the composition root reaching past an index',
        filename: at('server/src/app.ts'),
        code: "import { Ledger } from './modules/ledger/ledger.service.js';",
        options,
        errors: [{ messageId: 'internal' }],
      },
      {
        name: 'platform importing a module',
        filename: at('server/src/platform/http/hot-path.ts'),
        code: "import { requireUser } from '../../modules/accounts/index.js';",
        options,
        errors: [{ messageId: 'platform' }],
      },
      {
        name: 'the ledger importing any module',
        filename: at('server/src/modules/ledger/ledger.service.ts'),
        code: "import { AuditService } from '../audit/index.js';",
        options,
        errors: [{ messageId: 'direction' }],
      },
      {
        name: 'conversions calling back into postbacks',
        filename: at('server/src/modules/conversions/conversions.service.ts'),
        code: "import { PostbacksService } from '../postbacks/index.js';",
        options,
        errors: [{ messageId: 'direction' }],
      },
    ],
  },
);
