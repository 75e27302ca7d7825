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

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', 'data/**', 'next-env.d.ts']),
  {
    files: ['app/**', 'components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [googleClients, gcpLayer] }] },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            googleClients,
            {
              group: ['next', 'next/*', 'react', 'react-dom', 'node:*'],
              message: 'lib/domain is pure: no framework and no I/O.',
            },
            {
              group: ['@/lib/gcp*', '@/lib/data*', '@/lib/store*', '@/emulator*', '**/emulator/**'],
              message: 'lib/domain is pure: data comes in as arguments.',
            },
          ],
        },
      ],
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
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/domain*', '**/lib/domain/**'],
              message: 'The simulator is an independent check on lib/domain: never share code.',
            },
          ],
        },
      ],
    },
  },
]);
