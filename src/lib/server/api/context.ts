import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/users/user';
import type { Guest } from '../auth/guests.server';

/** What a domain operation needs to know about the request: tenant, who, and a trace id. */
export interface RequestContext {
	tenant: string;
	actor: Actor | null;
	/** A walk participant without an account (join code), when there is no actor. */
	guest?: Guest | null;
	requestId: string;
}

export function contextOf(event: RequestEvent): RequestContext {
	return { tenant: event.locals.tenant, actor: event.locals.actor, guest: event.locals.guest, requestId: event.locals.requestId };
}
