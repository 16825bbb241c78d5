import type { LayoutServerLoad } from './$types';

/** What every page may know: the language and who is logged in (named fields only). */
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.actor
		? { displayName: locals.actor.displayName, email: locals.actor.email, partnerId: locals.actor.partnerId, roles: locals.actor.roles }
		: null
});
