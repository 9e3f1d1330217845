/**
 * ESLint: typescript-eslint's type-checked rules, for the bugs the compiler lets through (a promise nobody awaits or
 * catches, an `any` leaking out of a parse, a comparison of an enum with a plain string), and React's rules of hooks
 * for the pages. Unused names are tsc's job (noUnusedLocals, noUnusedParameters); layout is Prettier's
 * (eslint-config-prettier switches off every rule it owns). Each rule switched off or changed here says why.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    'coverage/',
    '.neo4j/',
    '.bench/',
    'src/generated/',
    // Compiled one by one by tests/types/client-types.test.ts, one of them to fail.
    'tests/types/fixtures/',
    'tests/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Two projects: the Node code, and the browser pages with DOM types (src/tsconfig.web.json).
        project: ['./tsconfig.json', './src/tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // tsc reports unused names (noUnusedLocals, noUnusedParameters); `_`-named rest siblings omit a key on purpose.
      '@typescript-eslint/no-unused-vars': 'off',
      // Apollo's plugin hooks, and the fetch and loader stubs of the tests, are async by contract: an async function
      // with nothing to await is the interface, not a bug.
      '@typescript-eslint/require-await': 'off',
      // Props and option types declare their callbacks in method syntax (`onRetry(): void`) and are destructured; the
      // rule cannot tell those from class methods torn from their object, and no class here hands its methods out.
      '@typescript-eslint/unbound-method': 'off',
      // A `let` read by a closure (a signal handler) before its one assignment cannot be a `const`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src/web/**/*.tsx', 'src/explorer/**/*.tsx', 'src/dashboard/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules (hooks called in the same order every render; an effect's dependencies complete). The
    // plugin's React Compiler rules (set-state-in-effect and the like) judge a compiler this project does not use.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The tests read GraphQL responses as `any` on purpose and compare them with exact expected values, so a wrong
    // shape fails the assertion; typing every response would add casts, not checks. Stringifying what a stub or a
    // spreadsheet cell received is how they compare it.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
