/**
 * Why a finding did not reach the server, in the UI's language — whatever language the
 * server answered in when it was refused (it may have been hours ago, with the other language
 * chosen): the pinning page's own wording for the refusals a walker meets (`pin.errors.<code>`),
 * else the API's text for the code and details, with each field problem spelled out.
 * Browser-only (reads the page's language).
 */
import { pageTexts, t } from '$lib/i18n';
import { apiMessage } from '$lib/api/error-text';
import { isIssueList, issueText } from '$lib/api/issues';
import type { SendError } from './store';

export function sendErrorText(error: SendError): string {
	if (error.code === 'network') return t('pin.errors.network');
	const texts = pageTexts();
	const fallback = t('pin.errors.server', { status: error.status });
	if (error.status !== null && error.status >= 500) return fallback;
	const fields = isIssueList(error.details) ? error.details.map((issue) => issueText(texts, issue)) : [];
	const own = texts.has(`pin.errors.${error.code}`) ? t(`pin.errors.${error.code}`) : null;
	const message = own ?? apiMessage(texts, error.code, error.details, fallback);
	return [message, ...fields].join(' ');
}
