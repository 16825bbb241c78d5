/** A refused save as one sentence for a form: the API's message and its field messages. */
import { t } from '$lib/i18n';
import { limitMessage } from './limits';
import type { ApiProblem } from './client';

export function saveFailed(problem: ApiProblem): string {
	const known = limitMessage(problem, t);
	if (known) return t('plan.error', { message: known });
	const parts = [problem.message, ...Object.values(problem.fields)].filter(Boolean);
	return t('plan.error', { message: [...new Set(parts)].join(' – ') || problem.code });
}
