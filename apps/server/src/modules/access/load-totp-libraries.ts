import type * as Otplib from 'otplib';
import type QRCodeLibrary from 'qrcode';
import { onFirstUse } from '../../platform/on-first-use.ts';

const otplib = onFirstUse<typeof Otplib>(import.meta.url, 'otplib');
const qrcode = onFirstUse<typeof QRCodeLibrary>(import.meta.url, 'qrcode');

// otplib and qrcode, read on the first two-step enrolment or code check (ADR 0037), not at start.
export const generateSecret: typeof Otplib.generateSecret = (...args) => otplib().generateSecret(...args);
export const generateURI: typeof Otplib.generateURI = (...args) => otplib().generateURI(...args);
export const verify: typeof Otplib.verify = (...args) => otplib().verify(...args);
export const QRCode = {
  toString: ((...args: Parameters<typeof QRCodeLibrary.toString>) => qrcode().toString(...args)) as typeof QRCodeLibrary.toString,
};
