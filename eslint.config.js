// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dependencies point inward; only the tests drive the api package.
    files: ['packages/**/*.ts'],
    ignores: ['packages/api/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@oms/api', '@oms/api/*'], message: 'Nothing imports the api package.' }] }],
    },
  },
  {
    // The domain is pure: no I/O, no clock source, no framework, no outer layer.
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'packages/domain must not use node:* modules.' },
          { group: ['@oms/adapters', '@oms/adapters/*', '@oms/projections', '@oms/projections/*', '@oms/api', '@oms/api/*'], message: 'packages/domain depends on nothing outward.' },
          { group: ['pg', 'kysely', 'kysely-*', 'fastify', 'fastify-*', '@fastify/*', '@electric-sql/*', '@eventstore/*', 'pino', 'zod', 'fs', 'path', 'crypto', 'http', 'os', 'child_process'], message: 'packages/domain must stay free of I/O and framework code.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'no process access in the domain.' }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'decide never reads a clock: time arrives on the command.' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'decide never reads a clock: time arrives on the command.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'the domain is deterministic.' },
      ],
    },
  },
);
