import { defineErrors } from '../http/errors.ts';

/** Refusals of `pishkhan backup` / `restore` (the CLI prints them on one line and exits 2). */
export const BackupErrors = defineErrors({
  'backup.unreadable': { status: 400, fa: 'بایگانی پشتیبان خوانا نیست: {reason}', en: 'The backup archive cannot be read: {reason}' },
  'backup.no_manifest': { status: 400, fa: 'فهرست بایگانی پشتیبان پیدا نشد؛ این فایل پشتیبان پیشخوان نیست یا ناقص است.', en: 'The backup archive has no manifest: it is not a Pishkhan backup or it is cut short.' },
  'backup.corrupt': { status: 400, fa: 'بایگانی پشتیبان آسیب دیده یا دستکاری شده است ({entry}): {reason}', en: 'The backup archive is damaged or was tampered with ({entry}): {reason}' },
  'backup.newer_schema': {
    status: 400,
    fa: 'این پشتیبان از نسخهٔ تازه‌تری است (طرح {version})؛ پیشخوان را به‌روز کنید و دوباره بازیابی کنید.',
    en: 'This backup comes from a newer version (schema {version}); upgrade Pishkhan, then restore again.',
  },
  'backup.target_not_empty': {
    status: 409,
    fa: 'مقصد بازیابی خالی نیست ({what})؛ بازیابی فقط در پایگاه داده و پوشهٔ داده‌ای خالی انجام می‌شود.',
    en: 'The restore target is not empty ({what}); restore only into an empty database and data directory.',
  },
  'backup.target_schema': {
    status: 409,
    fa: 'پایگاه دادهٔ مقصد طرح دیگری دارد ({version})؛ در پایگاه داده‌ای تازه بازیابی کنید.',
    en: 'The target database already has another schema ({version}); restore into a fresh database.',
  },
  'backup.secret_mismatch': {
    status: 409,
    fa: 'رمز پایه‌ای که در پشتیبان است با رمز پایهٔ پیکربندی‌شده یکی نیست؛ یکی از آن دو را کنار بگذارید.',
    en: 'The secret in the backup differs from the configured PISHKHAN_SECRET; drop one of them.',
  },
  'backup.usage': { status: 400, fa: 'کاربرد: {usage}', en: 'Usage: {usage}' },
});
