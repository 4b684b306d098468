// ESLint (flat config): rules that catch bugs, not style — Prettier owns the layout.
// `npm run lint` runs it together with stylelint, knip and `astro check`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/lint/layers.js';

export default defineConfig(
  globalIgnores([
    'dist/',
    'dist-sanity/',
    'dist-fixture/',
    '.astro/',
    'cms/dist/',
    'cms/.sanity/',
    'cms-export/',
    'test-results/',
    'playwright-report/',
    'scripts/bench/starlight/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs['flat/recommended'],
  astro.configs['flat/jsx-a11y-recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'array-callback-return': 'error',
      // The audio is the article read aloud; its transcript is the article text on the same page.
      'astro/jsx-a11y/media-has-caption': 'off',
    },
  },
  // The layers: the domain core at the bottom, the site, the Studio and the service apart (scripts/lint/layers.js).
  {
    files: ['src/**/*.{ts,tsx,astro,mjs,js}', 'cms/**/*.{ts,tsx}', 'server/**/*.{ts,mjs,js}'],
    plugins: { layers },
    rules: { 'layers/imports': 'error' },
  },
  // Browser code: client scripts, the service worker, the React island.
  {
    files: ['src/components/**', 'src/pwa/**', 'src/lib/offline/**', 'src/**/*.astro'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/pwa/sw.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  // The React island (the quiz): a11y rules for JSX and the rules of hooks.
  { files: ['**/*.tsx'], ...jsxA11y.configs.recommended },
  { files: ['**/*.tsx'], ...reactHooks.configs.flat['recommended-latest'] },
  {
    files: ['tests/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    // Tests mutate loosely typed copies of fixtures.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Tests: an assertion or navigation that is not awaited cannot fail the test (type-aware, so only here).
  {
    files: ['tests/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/await-thenable': 'error' },
  },
);
