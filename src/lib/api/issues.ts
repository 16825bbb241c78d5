/**
 * Field problems of a refused request, as the API lists them in `details`:
 * `{ path, code, message, ...params }` — `path` names the field (`properties.title`), `code`
 * says what is wrong in words of our own (a key of `api.issue`, not zod's English), the
 * params carry the figures (`minimum`, `maximum`, `values` …), and `message` is the text
 * for the reader. Because code and params are plain data, the message can be written in
 * either language: on the server in the request's language, in the browser for a form
 * checked before it is sent.
 *
 * A schema's own message for a check is such a code too (`.min(4, 'ring_too_short')`,
 * `.refine(fn, 'date_out_of_range')`), so every problem a schema can report has a text
 * in both languages (`src/lib/api/error-text.test.ts` holds the source to that).
 */
import type { z } from 'zod';
import type { Texts } from '$lib/i18n/locale';

export interface FieldIssue {
	path: string;
	code: string;
	message: string;
	[param: string]: unknown;
}

/** The words a zod issue is described in; each has a text under `api.issue`. */
export const ISSUE_CODES = [
	'required',
	'not_text',
	'not_number',
	'not_integer',
	'not_boolean',
	'not_list',
	'not_object',
	'wrong_type',
	'empty',
	'too_short',
	'too_long',
	'negative',
	'too_small',
	'not_above',
	'too_big',
	'not_below',
	'too_few',
	'too_many',
	'not_email',
	'not_url',
	'not_id',
	'not_date',
	'not_datetime',
	'not_time',
	'wrong_format',
	'not_allowed',
	'not_multiple',
	'unknown_member',
	'invalid'
] as const;

const SNAKE = /^[a-z]+(_[a-z0-9]+)*$/;

const TYPE_CODES: Record<string, string> = {
	string: 'not_text',
	number: 'not_number',
	int: 'not_integer',
	boolean: 'not_boolean',
	array: 'not_list',
	tuple: 'not_list',
	object: 'not_object'
};

const FORMAT_CODES: Record<string, string> = {
	email: 'not_email',
	url: 'not_url',
	uuid: 'not_id',
	guid: 'not_id',
	date: 'not_date',
	datetime: 'not_datetime',
	time: 'not_time'
};

type ZodIssue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

/**
 * What a zod issue says, in our words: the code and the figures to show. A message the
 * schema gave that is a code of its own (`'ring_not_closed'`) wins; zod's default English
 * messages are never codes.
 */
function describe(issue: ZodIssue): { code: string; params: Record<string, unknown> } {
	if (SNAKE.test(issue.message)) return { code: issue.message, params: { ...issue.params } };
	switch (issue.code) {
		case 'invalid_type': {
			// Parsed with reportInput (as `validate` does), a missing member's input is undefined;
			// otherwise only zod's own message can tell ("…, received undefined").
			const missing = 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
			return { code: missing ? 'required' : (TYPE_CODES[issue.expected] ?? 'wrong_type'), params: {} };
		}
		case 'too_small': {
			const minimum = Number(issue.minimum);
			if (issue.origin === 'string') return minimum <= 1 ? { code: 'empty', params: {} } : { code: 'too_short', params: { minimum } };
			if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { minimum } };
			if (minimum === 0 && issue.inclusive) return { code: 'negative', params: { minimum } };
			return { code: issue.inclusive === false ? 'not_above' : 'too_small', params: { minimum } };
		}
		case 'too_big': {
			const maximum = Number(issue.maximum);
			if (issue.origin === 'string') return { code: 'too_long', params: { maximum } };
			if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { maximum } };
			return { code: issue.inclusive === false ? 'not_below' : 'too_big', params: { maximum } };
		}
		case 'invalid_format':
			return { code: FORMAT_CODES[issue.format] ?? 'wrong_format', params: {} };
		case 'invalid_value':
			return { code: 'not_allowed', params: { values: issue.values.map(String) } };
		case 'not_multiple_of':
			return { code: 'not_multiple', params: { divisor: Number(issue.divisor) } };
		default:
			return { code: 'invalid', params: {} };
	}
}

/**
 * A failed parse as field problems. `message` is zod's own (or the schema's code) until the
 * answer is written in the reader's language (`localizeDetails` in `./error-text`).
 */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
	return (error.issues as ZodIssue[]).flatMap((issue) => {
		const at = (extra: (string | number)[] = []) => [...issue.path, ...extra].map(String).join('.');
		if (issue.code === 'unrecognized_keys')
			// One entry per unknown member, each naming it (zod reports them together at the parent).
			return issue.keys.map((key) => fieldIssue(at([key]), 'unknown_member', { key }, `unknown member "${key}"`));
		const { code, params } = describe(issue);
		return [fieldIssue(at(), code, params, issue.message)];
	});
}

/** A field problem found by hand (not by a schema), e.g. `fieldIssue('properties.doneOn', 'required_when_done')`. */
export function fieldIssue(path: string, code: string, params: Record<string, unknown> = {}, message: string = code): FieldIssue {
	return { path, code, message, ...params };
}

/** The text of a field problem: `api.issue.<code>` filled from its params (`minimum`/`maximum` also as `count`, for plurals). */
export function issueText(texts: Texts, issue: Pick<FieldIssue, 'code'> & Record<string, unknown>): string {
	const key = texts.has(`api.issue.${issue.code}`) ? `api.issue.${issue.code}` : 'api.issue.invalid';
	const values: Record<string, unknown> = { ...issue };
	if (Array.isArray(values.values)) values.values = values.values.join(', ');
	const count = values.minimum ?? values.maximum;
	if (typeof count === 'number') values.count = count;
	return texts.t(key, values);
}

/** Whether `details` is a list of field problems (as opposed to an object of figures). */
export function isIssueList(details: unknown): details is FieldIssue[] {
	return Array.isArray(details) && details.every((d) => d && typeof d === 'object' && typeof (d as FieldIssue).path === 'string');
}
