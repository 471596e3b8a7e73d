import { defineErrors } from '../../platform/http/errors.ts';

export const NotificationErrors = defineErrors({
  'notification.unknown_placeholder': {
    status: 400,
    fa: 'این قالب جای‌نگهدارِ ناشناخته دارد: {placeholders}',
    en: 'The template uses unknown placeholders: {placeholders}',
  },
  'mail_link.invalid': {
    status: 404,
    fa: 'این پیوند نامعتبر است، منقضی شده یا پیش‌تر به کار رفته است.',
    en: 'This link is not valid, has expired or was used already.',
  },
});
