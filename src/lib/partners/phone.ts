/**
 * Phone numbers in the directory: checked with libphonenumber-js (Swedish numbers without a
 * country code, others with one), plus the Swedish short numbers the library does not know
 * (112, 1177, 116 111, 113 13 …), which an outreach worker needs most. Client-safe.
 */
import { parsePhoneNumberWithError } from 'libphonenumber-js/min';

/** 112, 1177, 11313, 116 111, 116 123, 90 000–90 999 (short and service numbers). */
const SHORT = /^(11\d{1,4}|90\d{3})$/;

function digits(value: string): string {
	return value.replace(/[\s-]/g, '');
}

/** Whether the value is a phone number we can call. */
export function isPhoneNumber(value: string): boolean {
	if (SHORT.test(digits(value))) return true;
	if (!/^[+\d][\d\s\-()]{1,30}$/.test(value.trim())) return false;
	try {
		return parsePhoneNumberWithError(value, 'SE').isValid();
	} catch {
		return false;
	}
}

/** The `tel:` link for a number (international form), or null when it cannot be called. */
export function telHref(value: string | null | undefined): string | null {
	if (!value) return null;
	if (SHORT.test(digits(value))) return `tel:${digits(value)}`;
	try {
		const number = parsePhoneNumberWithError(value, 'SE');
		return number.isValid() ? `tel:${number.number}` : null;
	} catch {
		return null;
	}
}

/** The field problem's code (`api.issue.not_phone`). */
export const PHONE_MESSAGE = 'not_phone';
