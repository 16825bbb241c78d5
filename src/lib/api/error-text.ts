/**
 * An API error in one language. Its text is `api.<code>` — or `api.<code>_<reason>` when the
 * details name a reason that has a text of its own (`forbidden` with `reason: 'not_your_area'`)
 * — filled from the details, with the words the details name by code put into that language
 * (an `entity` such as `finding`, a status such as `in_progress`); field problems get their
 * messages from `api.issue`. The server answers in the request's language with it; the
 * browser uses it for refusals that never reached the server (the offline outbox).
 */
import type { Texts } from '$lib/i18n/locale';
import { isIssueList, issueText } from './issues';

/** What a refusal can name; each has a word in `api.entity` (definite form: "fyndet", "the finding"). */
export const ENTITIES = [
	'area',
	'programme',
	'budget_line',
	'budget_entry',
	'walk',
	'finding',
	'photo',
	'measure',
	'event',
	'incident',
	'zone',
	'partner',
	'service_location',
	'need',
	'compass',
	'report',
	'token',
	'export',
	'collection',
	'feature',
	'follow_up',
	'survey_figure',
	'walk_requirement',
	'report',
	'goal',
	'theme',
	'activity',
	'party',
	'member',
	'risk',
	'status_report',
	'change_request',
	'record'
] as const;
export type Entity = (typeof ENTITIES)[number];

export const isEntity = (value: unknown): value is Entity => typeof value === 'string' && (ENTITIES as readonly string[]).includes(value);

/** The entity a reference field names, for refusals that name only the field (`{ field: 'walkId' }`). */
const ENTITY_OF_FIELD: Record<string, Entity> = {
	areaId: 'area',
	areaIds: 'area',
	parentId: 'area',
	area: 'area',
	programmeId: 'programme',
	budgetLineId: 'budget_line',
	walkId: 'walk',
	findingIds: 'finding',
	responsiblePartnerId: 'partner',
	partnerId: 'partner',
	serviceLocationId: 'service_location',
	organiserPartnerId: 'partner',
	activityId: 'activity',
	themeId: 'theme'
};

/** Details members whose value is a word from a vocabulary, and where its words are. */
const VOCABULARIES: Record<string, string> = {
	from: 'api.status',
	to: 'api.status',
	allowed: 'api.status',
	expected: 'api.geometry_type',
	got: 'api.geometry_type'
};

const SNAKE = /^[a-z]+(_[a-z0-9]+)*$/;

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The values a text is filled from: the details, with coded words translated. */
function valuesOf(texts: Texts, details: unknown): Record<string, unknown> {
	if (Array.isArray(details)) return { count: details.length };
	const values: Record<string, unknown> = details && typeof details === 'object' ? { ...(details as Record<string, unknown>) } : {};
	const entity = isEntity(values.entity) ? values.entity : (ENTITY_OF_FIELD[String(values.field)] ?? 'record');
	values.entity = texts.t(`api.entity.${entity}`);
	values.Entity = capitalised(String(values.entity));
	const word = (vocabulary: string, value: unknown) =>
		typeof value === 'string' && texts.has(`${vocabulary}.${value}`) ? texts.t(`${vocabulary}.${value}`) : value;
	for (const [member, value] of Object.entries(values)) {
		const vocabulary = VOCABULARIES[member];
		if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
			values[member] = value.length ? value.map((v) => (vocabulary ? word(vocabulary, v) : v)).join(', ') : texts.t('api.none');
		else if (vocabulary) values[member] = word(vocabulary, value);
	}
	return values;
}

/** The key of the text for an error, or null when the language has none. */
export function textKey(texts: Texts, code: string, details?: unknown): string | null {
	const reason = details && typeof details === 'object' && !Array.isArray(details) ? (details as { reason?: unknown }).reason : undefined;
	if (typeof reason === 'string' && SNAKE.test(reason) && texts.has(`api.${code}_${reason}`)) return `api.${code}_${reason}`;
	return texts.has(`api.${code}`) ? `api.${code}` : null;
}

/** The error's message in the language of `texts`; `fallback` (the server's English) only when there is no text. */
export function apiMessage(texts: Texts, code: string, details: unknown, fallback: string): string {
	const key = textKey(texts, code, details);
	return key ? texts.t(key, valuesOf(texts, details)) : fallback;
}

/** The details with every field problem's message in the language of `texts`; other details as they are. */
export function localizeDetails<D>(texts: Texts, details: D): D {
	if (!isIssueList(details)) return details;
	return details.map((issue) => (typeof issue.code === 'string' ? { ...issue, message: issueText(texts, issue) } : issue)) as D;
}
