// Module boundaries (docs/architecture.md): a module of server/src/modules is reached only through
// its index.ts, platform/ imports no module, and some modules may not import others at all (the
// money path reads one way: postbacks → conversions → ledger). Relative imports are resolved
// against the importing file, so `../ledger/ledger.service.js` and `../../modules/ledger/x.js`
// are caught alike.
import path from 'node:path';

const MODULES_DIR = path.join('server', 'src', 'modules');
const PLATFORM_DIR = path.join('server', 'src', 'platform');

/** The module a project-relative path lies in, and the rest of its path inside the module. */
function moduleOf(relativePath) {
  const parts = relativePath.split(path.sep);
  const modules = MODULES_DIR.split(path.sep);
  if (modules.some((part, index) => parts[index] !== part) || parts.length <= modules.length + 1) return null;
  return { name: parts[modules.length], inside: parts.slice(modules.length + 1).join('/') };
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Reach another module only through its index.ts; keep the dependency direction' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          forbidden: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
          entityRegistry: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      internal:
        "'{{source}}' reaches into module '{{target}}'; import from '{{target}}/index.js', its public door.",
      platform: "platform/ is domain-free: it may not import module '{{target}}'.",
      direction: "Module '{{from}}' may not depend on module '{{target}}' ({{why}}).",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root ?? context.cwd;
    const forbidden = options.forbidden ?? {};
    const registry = new Set(options.entityRegistry ?? []);
    const file = path.relative(root, context.filename);
    if (file.startsWith('..')) return {};
    const from = moduleOf(file);
    const inPlatform = file.startsWith(PLATFORM_DIR + path.sep);

    function check(node) {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = moduleOf(path.relative(root, path.resolve(path.dirname(context.filename), source)));
      if (!target || (from && from.name === target.name)) return;
      const data = { source, target: target.name, from: from?.name };
      if (inPlatform) return context.report({ node, messageId: 'platform', data });
      if (from) {
        const rule = forbidden[from.name]?.find((entry) => entry === '*' || entry === target.name);
        if (rule !== undefined) {
          const why = rule === '*' ? `${from.name} imports no module` : 'the dependency points the other way';
          return context.report({ node, messageId: 'direction', data: { ...data, why } });
        }
      }
      const isEntity = /\.entity\.(js|ts)$/.test(target.inside);
      if (target.inside === 'index.js' || target.inside === 'index.ts') return;
      if (isEntity && registry.has(file)) return;
      context.report({ node, messageId: 'internal', data });
    }

    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
