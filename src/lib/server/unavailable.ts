/**
 * The page a person sees while the database cannot be reached: a plain, self-contained
 * document in the UI language (no app shell, which would need the database to know who is
 * logged in) that says what happened and tries again by itself.
 */
import type { Locale } from '$lib/i18n/locale';
import { DATABASE_RETRY_AFTER_S } from './api/errors';

const TEXT: Record<Locale, { title: string; body: string; retry: string }> = {
	sv: {
		title: 'Lykta är tillfälligt otillgänglig',
		body: 'Databasen svarar inte just nu, till exempel under en omstart. Ingenting du har sparat har gått förlorat.',
		retry: 'Sidan försöker igen av sig själv om några sekunder. Försök igen nu'
	},
	en: {
		title: 'Lykta is temporarily unavailable',
		body: 'The database is not answering right now, for example during a restart. Nothing you have saved is lost.',
		retry: 'The page tries again by itself in a few seconds. Try again now'
	}
};

const RELOAD_AFTER_S = 10;

export function unavailablePage(locale: Locale): Response {
	const text = TEXT[locale];
	const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RELOAD_AFTER_S}">
<title>${text.title}</title>
<style>
body { font-family: system-ui, sans-serif; color: #1b2430; margin: 0; }
header { background: #1d3557; color: #fff; padding: 0.9rem 1.25rem; font-weight: 600; }
main { max-width: 36rem; padding: 2rem 1.25rem; line-height: 1.5; }
a { color: #1d3557; }
a:focus-visible { outline: 3px solid #0b61d8; outline-offset: 2px; }
</style>
</head>
<body>
<header>Lykta</header>
<main>
<h1>${text.title}</h1>
<p>${text.body}</p>
<p><a href="">${text.retry}</a>.</p>
</main>
</body>
</html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': String(DATABASE_RETRY_AFTER_S), 'cache-control': 'no-store' }
	});
}
