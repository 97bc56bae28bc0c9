// Unit tests (*.spec.ts) are pure; integration tests (*.int.spec.ts) start real servers.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  // jose is published as ES modules only: run it through swc like our own code.
  transform: { '^.+\\.ts$': swc, '/node_modules/jose/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services'],
  modulePathIgnorePatterns: ['<rootDir>/.data', '<rootDir>/.tools'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      testEnvironment: '<rootDir>/libs/testing/jest-integration-environment.js',
      globalSetup: '<rootDir>/libs/testing/jest-global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/jest-integration-setup.js'],
    },
  ],
};
