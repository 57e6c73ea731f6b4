// Import boundaries from the project guide, as lint rules. Kept apart from eslint.config.js so a
// unit test can lint virtual files against them without type information.
import tseslint from 'typescript-eslint';

// Flat config replaces (not merges) a rule's options when two objects match one file, so the
// workspace-wide limits use core `no-restricted-imports` and the per-area ones use the
// typescript-eslint twin. The per-area file sets are disjoint, so neither overrides itself.
const AREA_RULE = '@typescript-eslint/no-restricted-imports';

const deepImport = {
  regex: '^@ladder/[^/]+/(src|dist|test)(/|$)',
  message: "Import the package's public entry point, not its internals.",
};

// Deeper files still get the named check below.
const MAX_DEPTH = 10;
const PACKAGE_ROOTS = ['packages/*', 'services/*', 'workflows', 'infra', 'e2e'];

/** Files exactly `depth` folders below a package root, so `depth` `../` leave the package. */
const climbOutOfPackage = (depth) => ({
  files: PACKAGE_ROOTS.map((root) => `${root}/${'*/'.repeat(depth - 1)}*`),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          deepImport,
          {
            regex: `^(\\./)?(\\.\\./){${depth}}`,
            message:
              'This climbs out of its package; import the other package by its @ladder/ name.',
          },
        ],
      },
    ],
  },
});

const sandboxAllowed = [
  '@temporalio/workflow',
  '@ladder/workflow-contracts',
  '@ladder/events',
  '@ladder/vocabulary',
];

export const boundaryConfigs = [
  // Registers the parser and the typescript-eslint plugin when used on its own (the unit test).
  tseslint.configs.base,
  {
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImport,
            {
              regex: '^(\\.\\.?/)+(packages|services|workflows|infra)(/|$)',
              message: 'Import a workspace package by its @ladder/ name, not by a relative path.',
            },
          ],
        },
      ],
    },
  },
  ...Array.from({ length: MAX_DEPTH }, (_, i) => climbOutOfPackage(i + 1)),
  {
    // Temporal's deterministic sandbox: no I/O, no clocks, no Node, nothing that talks to servers.
    // Unit tests sit beside the rules they test but never enter the bundle (it starts at index.ts).
    files: ['workflows/src/workflows/**'],
    ignores: ['workflows/src/workflows/**/*.unit.test.ts'],
    rules: {
      [AREA_RULE]: [
        'error',
        {
          patterns: [
            {
              // Any bare or absolute specifier outside the allow-list (this covers node:*, fs,
              // pg, kafkajs, pino, fastify, @ladder/config|db|kafka|logger and the rest).
              regex: `^(?!\\.\\.?(/|$))(?!(${sandboxAllowed.join('|')})$)`,
              message: `Workflow code runs in Temporal's sandbox: import only ${sandboxAllowed.join(', ')} and relative modules; do I/O in activities.`,
            },
            {
              // proxyActivities<typeof activities>() needs the types, never the implementations.
              regex: '(^|/|\\.)activities(\\.[cm]?[jt]s)?(/|$)',
              allowTypeImports: true,
              message: 'Workflows may import activities only with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // The vocabulary is the bottom layer: plain data every other package builds on.
    files: ['packages/vocabulary/**'],
    rules: {
      [AREA_RULE]: [
        'error',
        {
          patterns: [
            { regex: '^@ladder/', message: 'The vocabulary imports nothing of the project.' },
          ],
        },
      ],
    },
  },
  {
    // Contracts sit on the vocabulary alone.
    files: ['packages/events/**', 'packages/workflow-contracts/**'],
    rules: {
      [AREA_RULE]: [
        'error',
        {
          patterns: [
            {
              regex: '^@ladder/(?!vocabulary(/schemas)?$)',
              message: 'Contract packages import nothing of the project but @ladder/vocabulary.',
            },
          ],
        },
      ],
    },
  },
  {
    // Services meet only through Kafka events and HTTP APIs; workflows through their contracts.
    files: ['services/*/**'],
    rules: {
      [AREA_RULE]: [
        'error',
        {
          patterns: [
            {
              regex: '^@ladder/([^/]+-service|workflows)(/|$)',
              message:
                'A service may not import another service or @ladder/workflows; use events, HTTP or @ladder/workflow-contracts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The end-to-end tests and the simulator act and read through the public APIs only: no
    // service, workflow, database, Kafka or event code to reach behind them.
    files: ['e2e/**'],
    rules: {
      [AREA_RULE]: [
        'error',
        {
          patterns: [
            {
              regex: '^@ladder/(?!(infra|testing(/global-setup)?|vocabulary|auth)$)',
              message:
                'The e2e tests act through public APIs only: import @ladder/infra (to start the system), @ladder/testing, @ladder/vocabulary and @ladder/auth (its scope names), nothing of a service.',
            },
          ],
        },
      ],
    },
  },
];
