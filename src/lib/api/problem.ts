/**
 * A refused save as one sentence for a form: the API's message and its field messages.
 * The server already answers in the page's language; a refusal that never reached it (the
 * offline outbox, a lost connection) gets the same text from the shared catalogue here.
 */
import { pageTexts, t } from '$lib/i18n';
import { apiMessage } from './error-text';
import type { ApiProblem } from './client';

export function saveFailed(problem: ApiProblem): string {
	const message = problem.message || apiMessage(pageTexts(), problem.code, problem.details, '');
	const parts = [message, ...Object.values(problem.fields)].filter(Boolean);
	return t('plan.error', { message: [...new Set(parts)].join(' – ') || problem.code });
}
