/**
 * Control characters in text the API takes. PostgreSQL cannot store NUL in text at all
 * (a 500 before this check), and the other C0 controls and DEL are never part of a name,
 * a description or a code someone typed — they come from broken files, binary pasted into
 * a field, or someone probing. Tab, line feed and carriage return are ordinary text.
 *
 * Every way in — JSON bodies, query strings, form actions, headers, imported rows — asks
 * this module, so the rule and the error it gives are the same everywhere.
 */
import { badRequest, type ApiError } from './errors';

/** U+0000–U+0008, U+000B, U+000C, U+000E–U+001F and U+007F: every C0 control but TAB, LF and CR, and DEL. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface ControlCharacterIssue {
	/** Where the text is, as in validation details: `properties.title`, `exdates.2`, a query parameter's name. */
	path: string;
	/** The field problem's code (`api.issue.control_character`), as in validation details. */
	code: 'control_character';
	message: string;
	/** The first offending character, as `U+0000`. */
	character: string;
}

/** Issues listed per request: enough to show the fields, not an echo of a hostile body. */
const MAX_ISSUES = 20;

const messageFor = (character: string) => `must not contain control characters (found ${character})`;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The control character in `text` as `U+0000`, or null when the text is clean. */
export function controlCharacterIn(text: string): string | null {
	const found = CONTROL_CHARACTER.exec(text);
	return found ? codePoint(found[0]) : null;
}

/** A key that holds control characters, printable in a path (`\u0000` instead of the character itself). */
const printable = (key: string) => key.replace(new RegExp(CONTROL_CHARACTER.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Every string in a parsed JSON value (and every object key) that holds a control
 * character. Walks with its own stack: a deeply nested body must not overflow the call stack.
 */
export function controlCharacterIssues(value: unknown, path = ''): ControlCharacterIssue[] {
	const issues: ControlCharacterIssue[] = [];
	const pending: [unknown, string][] = [[value, path]];
	const join = (parent: string, key: string | number) => (parent === '' ? String(key) : `${parent}.${key}`);
	const report = (at: string, character: string) => issues.push({ path: at, code: 'control_character', character, message: messageFor(character) });
	while (pending.length && issues.length < MAX_ISSUES) {
		const [current, at] = pending.pop()!;
		if (typeof current === 'string') {
			const character = controlCharacterIn(current);
			if (character) report(at, character);
		} else if (Array.isArray(current)) {
			for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], join(at, i)]);
		} else if (current !== null && typeof current === 'object') {
			const entries = Object.entries(current as Record<string, unknown>);
			for (let i = entries.length - 1; i >= 0; i--) {
				const [key, child] = entries[i]!;
				const character = controlCharacterIn(key);
				if (character) report(join(at, printable(key)), character);
				else pending.push([child, join(at, key)]);
			}
		}
	}
	return issues;
}

/** The 400 for text with control characters; `details` name each field as validation errors do. */
export function controlCharacterError(issues: ControlCharacterIssue[]): ApiError {
	const fields = [...new Set(issues.map((i) => i.path || '(body)'))].join(', ');
	return badRequest('control_characters', `Text may not contain control characters (NUL and the like): ${fields}.`, issues);
}

/** Throws the 400 when any text in `value` holds a control character. */
export function assertNoControlCharacters(value: unknown, path = ''): void {
	const issues = controlCharacterIssues(value, path);
	if (issues.length) throw controlCharacterError(issues);
}

/**
 * Issues of name–value pairs — query parameters, the text fields of a form (files are left
 * out) — each named by its parameter or field name.
 */
export function entryIssues(entries: Iterable<[string, unknown]>): ControlCharacterIssue[] {
	const issues: ControlCharacterIssue[] = [];
	for (const [name, value] of entries) {
		const character = controlCharacterIn(name) ?? (typeof value === 'string' ? controlCharacterIn(value) : null);
		if (character) issues.push({ path: printable(name), code: 'control_character', character, message: messageFor(character) });
		if (issues.length >= MAX_ISSUES) break;
	}
	return issues;
}

/** Throws the 400 when a named value — a query parameter, a form field, a header — holds a control character. */
export function assertNoControlCharactersIn(entries: Iterable<[string, unknown]>): void {
	const issues = entryIssues(entries);
	if (issues.length) throw controlCharacterError(issues);
}

/** The first field of a submitted form (files left out) that holds a control character, for a form action's `fail(400, …)`; null when clean. */
export function controlCharacterField(form: FormData): string | null {
	return entryIssues(form.entries())[0]?.path ?? null;
}
