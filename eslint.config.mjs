import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const infrastructureImports = ['@nestjs/*', 'pg', '@nats-io/*', 'kysely', '@electric-sql/*', 'express'];

// Which kinds of project may depend on which (Nx tags). Tests may also use libs/testing.
const depConstraints = (forTests) => {
  const plus = (tags) => (forTests ? [...tags, 'type:testing'] : tags);
  return [
    // Pure domain code: deciders and their types. No framework, database, bus or clock.
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: plus(['type:domain', 'type:contracts']),
      bannedExternalImports: forTests ? [] : infrastructureImports,
    },
    {
      sourceTag: 'type:contracts',
      onlyDependOnLibsWithTags: plus(['type:contracts']),
      bannedExternalImports: forTests ? [] : infrastructureImports,
    },
    {
      sourceTag: 'type:infra',
      onlyDependOnLibsWithTags: plus(['type:infra', 'type:domain', 'type:contracts']),
      bannedExternalImports: ['@nestjs/*', 'express'],
    },
    {
      sourceTag: 'type:shell',
      onlyDependOnLibsWithTags: plus(['type:shell', 'type:infra', 'type:domain', 'type:contracts']),
    },
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: plus(['type:shell', 'type:infra', 'type:domain', 'type:contracts']),
    },
    // The harness runs in Jest, which cannot load Nest's ES modules: keep Nest out of it.
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:infra', 'type:domain', 'type:contracts', 'type:testing'],
      bannedExternalImports: ['@nestjs/*'],
    },
    // A service never imports another service's code: only shared libraries.
    { sourceTag: 'scope:outreach', onlyDependOnLibsWithTags: ['scope:outreach', 'scope:shared'] },
    { sourceTag: 'scope:merchants', onlyDependOnLibsWithTags: ['scope:merchants', 'scope:shared'] },
    { sourceTag: 'scope:training', onlyDependOnLibsWithTags: ['scope:training', 'scope:shared'] },
    { sourceTag: 'scope:indicators', onlyDependOnLibsWithTags: ['scope:indicators', 'scope:shared'] },
    { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'] },
    { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ];
};
const boundaries = (forTests) => [
  'error',
  { enforceBuildableLibDependency: false, depConstraints: depConstraints(forTests) },
];

export default [
  {
    ignores: [
      '**/node_modules/**',
      '.tools/**',
      '.data/**',
      '.build/**',
      '.nx/**',
      '**/dist/**',
      'coverage/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(false),
      // noUncheckedIndexedAccess makes `!` after a checked index common; TypeScript still guards the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Deciders inside services are domain code too (STYLE §2): pure functions, time and ids come in the command.
    files: ['services/*/src/**/*.decider.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...infrastructureImports,
                '@cnscd/event-store',
                '@cnscd/read-model',
                '@cnscd/service-kit',
                'node:*',
              ],
              message: 'Deciders are pure: no framework, I/O, clock or random ids.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Deciders take the time from the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Deciders take the time from the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Deciders take ids from the command.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'services/*/src/testing/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  prettier,
];
