import type { Actor } from '$lib/users/user';
import type { Locale } from '$lib/i18n/locale';
import type { Guest } from '$lib/server/auth/guests.server';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			tenant: string;
			locale: Locale;
			actor: Actor | null;
			/** A walk participant who joined by code, without an account. */
			guest: Guest | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
