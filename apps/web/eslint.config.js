// Every user-facing string goes through i18next: no literal text in JSX, nor in the attributes
// people read (title, placeholder, aria-label, alt, label). Inline `eslint-disable` comments are
// not honoured (noInlineConfig), so the rule cannot be switched off file by file.
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

export default [
  {
    files: ['src/**/*.{ts,tsx}', 'test/fixtures/**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    plugins: { i18next },
    rules: {
      // Inline styles follow the stylesheets' rule: logical properties, never physical left/right.
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='style'] Property[key.name=/^(left|right|(margin|padding|border)(Left|Right).*|float)$/]", message: 'Use logical properties (marginInlineStart, insetInlineEnd …), not physical left/right.' }],
      'i18next/no-literal-string': ['error', { mode: 'jsx-only', 'jsx-attributes': { include: ['title', 'placeholder', 'aria-label', 'alt', 'label'] } }],
    },
  },
];
