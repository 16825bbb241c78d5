/**
 * A refused save as one sentence for a form: the API's message (in the page's language
 * where the code has a text of its own under `apiErrors`) and its field messages.
 */
import { t } from '$lib/i18n';
import type { ApiProblem } from './client';

export function saveFailed(problem: ApiProblem): string {
	const message = t(`apiErrors.${problem.code}`, { defaultValue: problem.message });
	const parts = [message, ...Object.values(problem.fields)].filter(Boolean);
	return t('plan.error', { message: [...new Set(parts)].join(' – ') || problem.code });
}
