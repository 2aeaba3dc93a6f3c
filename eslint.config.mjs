// ESLint: the recommended rules of ESLint, typescript-eslint, Lit and web components, plus the
// rules that keep code readable rather than golfed (no comma statements, no `a && b()` as a
// statement, no `==`). Formatting is Prettier's job (`npm run format`), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as lit } from 'eslint-plugin-lit';
import { configs as wc } from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['dist/', 'demo/dist/', 'node_modules/', 'screenshots-tmp/', 'bench/results/', '**/*.vue', '**/*.svelte'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit['flat/recommended'],
  wc['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { wc: { elementBaseClasses: ['LitElement'] } },
    rules: {
      'no-sequences': ['error', { allowInParentheses: false }],
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': 'error',
      eqeqeq: ['error', 'always'],
      'no-nested-ternary': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Module augmentation (`declare module 'react' { namespace JSX … }`) is how JSX typings are added.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `interface HTMLElementEventMap extends OurEventMap {}` is how global event maps merge.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // chai's property assertions (`expect(spy).to.have.been.calledOnce`) are expressions by
    // design; what the rule is for, a condition or a choice written as a statement, stays banned.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExpressionStatement > LogicalExpression', message: 'Write `if (a) b();`, not `a && b()`.' },
        { selector: 'ExpressionStatement > ConditionalExpression', message: 'Write if/else, not a bare ternary.' },
      ],
    },
  },
);
