// Logical properties only: one stylesheet serves RTL (fa) and LTR (en). stylelint-use-logical
// forbids physical left/right (margin-left, padding-right, left:, border-right …); the value
// list catches the physical values of float, clear and text-align.
export default {
  plugins: ['stylelint-use-logical'],
  rules: {
    'csstools/use-logical': ['always', { except: ['top', 'bottom', 'margin-top', 'margin-bottom', 'padding-top', 'padding-bottom', 'width', 'height', 'max-width', 'max-height', 'min-width', 'min-height'] }],
    'declaration-property-value-disallowed-list': { float: ['left', 'right'], clear: ['left', 'right'], 'text-align': ['left', 'right'] },
  },
};
