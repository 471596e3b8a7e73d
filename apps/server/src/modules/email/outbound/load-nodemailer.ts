import type * as Nodemailer from 'nodemailer';
import { onFirstUse } from '../../../platform/on-first-use.ts';

const load = onFirstUse<typeof Nodemailer>(import.meta.url, 'nodemailer');

/** nodemailer, read on the first send (ADR 0037): a server that sends no mail never holds it. */
export const nodemailer = {
  createTransport: ((...args: Parameters<typeof Nodemailer.createTransport>) => load().createTransport(...args)) as typeof Nodemailer.createTransport,
};
