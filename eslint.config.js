// Lint rules, including the layering of DESIGN.md: which folder may import what.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const botbuilder = ['botbuilder', 'botbuilder-*', 'botframework-*', 'adaptive-expressions'];
const hosting = ['restify', '@azure/cosmos', '@vercel/cosmosdb-server', 'pino', 'dotenv'];

const processEnv = {
  object: 'process',
  property: 'env',
  message: 'Configuration is read once, in bot/config.ts; receive it as a parameter.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'snow/dist/', 'bench-results/', 'teamsAppPackage/build/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': ['error', processEnv],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['snow/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...botbuilder, ...hosting], message: 'snow/ is independent of the bot.' },
            {
              group: ['**/bot/**', '**/dialogs/**', '**/simulator/**'],
              message: 'snow/ is independent of the bot.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['snow/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...botbuilder, ...hosting, 'got'],
              message: 'The simulator is ServiceNow: it knows nothing of the bot.',
            },
            {
              group: ['**/src/**', '@live-agent/snow', '**/bot/**', '**/dialogs/**'],
              message:
                'The simulator never imports the client: two independent readings of the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['got', 'ajv', ...hosting, '@live-agent/snow', '@live-agent/snow/*'],
              message: 'dialogs/ owns its interfaces; the bot wires implementations.',
            },
            {
              group: ['**/bot/**', '**/snow/**'],
              message: 'dialogs/ owns its interfaces; the bot wires implementations.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: {
      // Loaded with import() where they run, so that a deployment carries none of their memory.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@vercel/cosmosdb-server', '@live-agent/snow/simulator'].map((name) => ({
            name,
            message: 'Only embedded or sandbox mode needs it: import() it there.',
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    files: [
      'bot/config.ts',
      'bot/main.ts',
      'tests/**/*.ts',
      'tests/**/*.mjs',
      'teamsAppPackage/**',
      'infra/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  prettier,
);
