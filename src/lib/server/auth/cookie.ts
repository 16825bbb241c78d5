import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'lykta_session';

type CookieOptions = Parameters<Cookies['set']>[2];

/** HttpOnly, SameSite=Lax, Secure whenever the site is served over HTTPS. */
export function sessionCookieOptions(url: URL, expires: Date): CookieOptions {
	return { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires };
}
