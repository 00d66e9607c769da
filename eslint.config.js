import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/results/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from deps.clock so that tests can pin it.' },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', '**/*.test.ts', 'src/platform/clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The web app: the browser's clock is the viewer's own (no deps.clock there).
    files: ['web/src/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['web/src/pwa/sw.js'],
    languageOptions: { globals: { self: 'readonly', caches: 'readonly', Response: 'readonly' } },
  },
);
