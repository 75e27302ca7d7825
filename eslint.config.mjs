import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const googleClients = {
  group: ['@google-cloud/*', 'google-gax', '@grpc/*'],
  message: 'Only lib/gcp talks to Google: go through lib/data or lib/gcp adapters.',
};
const gcpLayer = {
  group: ['@/lib/gcp', '@/lib/gcp/*', '**/lib/gcp/*'],
  message: 'Pages and components read through lib/data, never lib/gcp.',
};

const testSupport = {
  group: ['@/test/*', '**/test/support/*', '**/test/fixtures/*'],
  message: 'Test support is for tests: production code never imports it.',
};
const emulatorCode = {
  group: ['@/emulator', '@/emulator/*', '**/emulator/*'],
  message:
    'lib/ talks to Google through lib/gcp; the emulator is reached over gRPC, never imported.',
};
const domainPurity = [
  googleClients,
  {
    group: ['next', 'next/*', 'react', 'react-dom', 'node:*'],
    message: 'lib/domain is pure: no framework and no I/O.',
  },
  {
    group: ['@/lib/gcp*', '@/lib/data*', '@/lib/store*', '@/emulator*', '**/emulator/**'],
    message: 'lib/domain is pure: data comes in as arguments.',
  },
];
const simulatorIndependence = {
  group: ['@/lib/domain*', '**/lib/domain/**'],
  message: 'The simulator is an independent check on lib/domain: never share code.',
};
/** Tests, their support and the tools around them may import test support. */
const notProduction = ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**', 'bench/**'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'data/**', 'next-env.d.ts']),
  {
    files: ['app/**', 'components/**'],
    rules: restrict([googleClients, gcpLayer]),
  },
  {
    files: ['lib/domain/**'],
    rules: {
      ...restrict(domainPurity),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'lib/domain reads no environment: pass settings in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'lib/domain reads no clock: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'lib/domain uses no randomness.' },
      ],
    },
  },
  {
    files: ['emulator/**'],
    rules: restrict([simulatorIndependence]),
  },
  // Production code: the same rules plus no test support, and lib/ never imports the emulator.
  { files: ['**/*.{ts,tsx,mjs}'], ignores: notProduction, rules: restrict([testSupport]) },
  {
    files: ['lib/**'],
    ignores: notProduction,
    rules: restrict([testSupport, emulatorCode]),
  },
  {
    files: ['app/**', 'components/**'],
    ignores: notProduction,
    rules: restrict([googleClients, gcpLayer, testSupport]),
  },
  {
    files: ['lib/domain/**'],
    ignores: notProduction,
    rules: restrict([...domainPurity, testSupport]),
  },
  {
    files: ['emulator/**'],
    ignores: notProduction,
    rules: restrict([simulatorIndependence, testSupport]),
  },
]);
