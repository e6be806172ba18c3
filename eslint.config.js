// One linter for the whole repo. The core stays pure: no Node built-ins, no I/O libraries, no UI.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.artifacts/**',
      'bench/out/**',
      'data/**',
      'packages/web/src/api-types.gen.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'stream'],
              message: 'core is pure: no I/O',
            },
            {
              group: [
                'kysely',
                'hono',
                '@hono/*',
                'better-sqlite3',
                'pg',
                'chart.js',
                'exceljs',
                'iconv-lite',
              ],
              message: 'core is pure: no I/O or UI libraries',
            },
            {
              group: ['@warikan/api', '@warikan/web', '@warikan/api/*', '@warikan/web/*'],
              message: 'core must not depend on outer packages',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
    },
  },
)
