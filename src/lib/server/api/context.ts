import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/users/user';

/** What a domain operation needs to know about the request: tenant, who, and a trace id. */
export interface RequestContext {
	tenant: string;
	actor: Actor | null;
	requestId: string;
}

export function contextOf(event: RequestEvent): RequestContext {
	return { tenant: event.locals.tenant, actor: event.locals.actor, requestId: event.locals.requestId };
}
