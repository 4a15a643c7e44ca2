// ESLint: its recommended rules and typescript-eslint's type-aware recommended rules, over the
// sources, tests, scripts, bench and the bin. Run by `npm test` (npm run lint); it needs no network.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Built or generated, not written: the build's output, bench's own install and its ajv scratch folder, test runs' output.
  { ignores: ['dist/', 'bench/node_modules/', 'bench/.ajv-temp/', 'test-output/', 'coverage/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `{ passed: _passed, ...stored }` leaves fields out of a copy; `_name` marks a parameter an interface gives but this code needs not.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // Off: a method that implements a Promise-returning interface (a prompter, a writer) is clearest as `async` even when it need not wait.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Off in tests: they read the CLI's JSON output (JSON.parse gives `any`) and their expect() calls are the check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Plain JavaScript (scripts, bench, bin, this file): no type information, Node's globals.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  // The bin is CommonJS (bin/package.json says so).
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
