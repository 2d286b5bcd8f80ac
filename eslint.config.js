import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import prettier from 'eslint-config-prettier'

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'public/build', 'test-results', '.cache', '.ci/node', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  // Typed rules, on the TypeScript: a promise nobody awaits fails silently, after the response has gone.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // Boundaries. The platform and the statistics have no domain words, so they import no feature.
  {
    files: ['src/platform/**', 'src/statistics/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(governance|strategy|performance|directory|site)/',
              message: 'The platform and the statistics import no feature: move what both need into src/platform.',
            },
          ],
        },
      ],
    },
  },
  // A feature's public face is its index.ts: another feature imports from there or not at all,
  // and never its routes, which the composition root (src/app.ts) registers. A module directly
  // under an area (src/directory/lookups.ts) is that area's shared home.
  {
    files: ['src/governance/*/**', 'src/strategy/*/**', 'src/performance/*/**', 'src/directory/*/**', 'src/site/*/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./(governance|strategy|performance|directory|site)/)?[^./][^/]*/(?!index\\.ts$)',
              message: 'Another feature is reached through its index.ts: export what you need there (never its routes), or move it to src/platform.',
            },
          ],
        },
      ],
    },
  },
  // Routes are thin: what a page reads or writes goes through its feature's service or repository.
  {
    files: ['src/**/*routes.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|with)$/]',
          message: 'A route does not query the database: put the query in the feature’s repository.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'A route does not query the database: put the query in the feature’s repository.' },
      ],
    },
  },
  // Layout is Prettier's (npm run format); lint checks it and leaves layout rules to it.
  prettier,
)
