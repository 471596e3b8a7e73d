// Mantine's PostCSS preset: rem(), light-dark() and the rtl/ltr mixins in our CSS modules.
import mantine from 'postcss-preset-mantine';

export default { plugins: [mantine()] };
