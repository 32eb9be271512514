// ESLint, flat config. TypeScript is parsed by Babel's parser (its `typescript` plugin, no Babel
// config or transform): typescript-eslint's parser needs TypeScript's JavaScript API (typescript
// < 6.1 as a peer), and this project type-checks with TypeScript 7, which has none. Type checking
// stays with `npm run typecheck`; this config checks syntax-level rules only.
import babelParser from '@babel/eslint-parser';

/** The bot's safety promise (README, "/port safety"): it never runs a shell and never signals a process. */
const CHILD_PROCESS = /^(node:)?child_process$/.source;
const NO_SHELL = 'The bot never runs programs except the fixed execFile in src/ports/platforms.ts (README, "/port safety").';
const NO_SIGNALS = 'The bot never stops or signals a process (README, "/port safety"): show the command a person could run instead.';

const restrictedSyntax = [
  // import('child_process'), require('child_process'), createRequire(url)('node:child_process'), …
  { selector: `ImportExpression[source.value=/${CHILD_PROCESS}/]`, message: NO_SHELL },
  { selector: `CallExpression[arguments.0.value=/${CHILD_PROCESS}/]`, message: NO_SHELL },
  { selector: `TemplateLiteral[quasis.0.value.raw=/child_process/]`, message: NO_SHELL },
  // process.kill(…), process['kill'], someChild.kill(…), const { kill } = process
  { selector: "MemberExpression[property.name='kill']", message: NO_SIGNALS },
  { selector: "MemberExpression[property.value='kill']", message: NO_SIGNALS },
  { selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='kill']", message: NO_SIGNALS },
];

/** Issue 13: transports only translate; what a button or menu does lives with its handler. */
const ONLY_TRANSLATE = "Transports only translate: look a component's handler up with componentHandlerFor (src/components/registry.ts) instead of matching custom ids here.";
const customIdMatching = [
  { selector: "CallExpression[callee.property.name=/^(startsWith|endsWith|includes|match)$/][callee.object.property.name='customId']", message: ONLY_TRANSLATE },
  { selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression.left[property.name='customId']", message: ONLY_TRANSLATE },
  { selector: "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression.right[property.name='customId']", message: ONLY_TRANSLATE },
];

const childProcessImports = (allowed) => ({
  paths: [
    { name: 'child_process', message: NO_SHELL },
    allowed.length
      ? { name: 'node:child_process', allowImportNames: allowed, message: `Only ${allowed.join(', ')} (fixed program, shell off). ${NO_SHELL}` }
      : { name: 'node:child_process', message: NO_SHELL },
  ],
});

export default [
  { ignores: ['node_modules/', 'coverage/', '**/*.d.ts'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: ['typescript'] } },
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    // A modest set: mistakes, not style (formatting is left as it is).
    rules: {
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-dupe-else-if': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-constant-binary-expression': 'error',
      'no-sparse-arrays': 'error',
      'no-empty-pattern': 'error',
      'use-isnan': 'error',
      'valid-typeof': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The bot itself: no shell, no signals.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', childProcessImports([])],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
    },
  },
  {
    // The transports: no shell, no signals, and no behaviour keyed on custom ids.
    files: ['src/transports/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...restrictedSyntax, ...customIdMatching],
    },
  },
  {
    // The one place a program runs: lsof/netstat through execFile, a fixed argument list, shell off.
    files: ['src/ports/platforms.ts'],
    rules: {
      'no-restricted-imports': ['error', childProcessImports(['execFile'])],
      'no-restricted-syntax': ['error', ...restrictedSyntax.filter((r) => r.message === NO_SIGNALS)],
    },
  },
];
