import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

/**
 * The pipeline's layers, lowest first; a file may import its own layer and those below,
 * never one above (docs/architecture.md). `server/settings/` sits under all of them.
 */
const SERVER_LAYERS = [
  ['./server/kube'],
  ['./server/cache'],
  ['./server/topology'],
  ['./server/stream', './server/audit', './server/access'],
  ['./server/api', './server/runtime.ts', './server/clusterset.ts'],
  ['./server/edge'],
];

const layerZones = SERVER_LAYERS.flatMap((layer, i) => {
  const above = SERVER_LAYERS.slice(i + 1).flat();
  return layer.map((target) => ({
    target,
    from: above,
    message: `${target} is below ${above.join(', ')} in the pipeline: it must not import them.`,
  }));
});

const isolationZones = [
  {
    target: './lib',
    from: ['./server', './sim', './components', './app'],
    message: 'lib/ is isomorphic wire types and pure helpers: it imports nothing of the app.',
  },
  {
    target: './components',
    from: ['./server', './sim', './app'],
    message: 'components/ run in the browser: use lib/ wire types, never server/ or sim/.',
  },
  {
    target: './server/settings',
    from: [
      './server/kube',
      './server/cache',
      './server/topology',
      './server/stream',
      './server/audit',
      './server/access',
      './server/api',
      './server/edge',
      './server/runtime.ts',
      './server/clusterset.ts',
    ],
    message: 'server/settings is under every layer.',
  },
  {
    target: './sim',
    from: ['./server', './app', './components', './lib'],
    message: 'the simulated cluster stands apart from the product.',
  },
];

const productZones = ['./server', './lib', './components', './app'].map((target) => ({
  target,
  from: ['./sim', './test', './e2e', './scripts'],
  message: 'product code must not import the sim, tests or scripts.',
}));

const SERVER_CODE = {
  group: ['@/server/*', '**/server/*', '@kubernetes/client-node'],
  message: 'components/ and lib/ must not import server code or client-node; use lib/ wire types.',
};
// Next is served from the root and knows nothing of ORDINAL_BASE_PATH: links go through the app's own.
const NEXT_LINK = {
  name: 'next/link',
  message: "use '@/components/ui/Link': it writes the base path (ORDINAL_BASE_PATH) into the link.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': ['error', { zones: [...layerZones, ...isolationZones] }],
    },
  },
  {
    // Product code never reaches into tests, scripts or the sim; tests beside it may use test/support.
    files: ['server/**', 'lib/**', 'components/**', 'app/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'import/no-restricted-paths': ['error', { zones: [...layerZones, ...isolationZones, ...productZones] }],
    },
  },
  {
    // The browser never sees server code: components and lib stay isomorphic.
    files: ['components/**', 'lib/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NEXT_LINK], patterns: [SERVER_CODE] }],
    },
  },
  { files: ['app/**'], rules: { 'no-restricted-imports': ['error', { paths: [NEXT_LINK] }] } },
  {
    // Settings are read once, at start, from one table (server/settings): nothing else reads the environment.
    files: ['server/**', 'lib/**', 'components/**', 'app/**'],
    ignores: ['server/settings/process.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'read settings from server/settings (processSettings), not process.env.',
        },
      ],
    },
  },
  { files: ['components/ui/Link.tsx'], rules: { 'no-restricted-imports': ['error', { patterns: [SERVER_CODE] }] } },
  // Layout is Prettier's (.prettierrc.json, checked by `npm run lint`): no lint rule argues with it.
  prettier,
];

export default config;
