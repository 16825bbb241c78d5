import type { Actor } from '$lib/users/user';
import type { Locale } from '$lib/i18n/locale';

declare global {
	namespace App {
		interface Locals {
			requestId: string;
			tenant: string;
			locale: Locale;
			actor: Actor | null;
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
