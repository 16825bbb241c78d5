/**
 * A refused save as one sentence for a form: the API's message (the server already answers
 * in the page's language; a code with a text of its own under `api` is looked up here too,
 * for answers that never reached the server, e.g. from the offline outbox) and its field messages.
 */
import { t } from '$lib/i18n';
import { limitMessage } from './limits';
import type { ApiProblem } from './client';

export function saveFailed(problem: ApiProblem): string {
	const known = limitMessage(problem, t);
	if (known) return t('plan.error', { message: known });
	const message = t(`api.${problem.code}`, { defaultValue: problem.message });
	const parts = [message, ...Object.values(problem.fields)].filter(Boolean);
	return t('plan.error', { message: [...new Set(parts)].join(' – ') || problem.code });
}
