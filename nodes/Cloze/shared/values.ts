import type { IDataObject, INode } from 'n8n-workflow';
import { inputError } from '../../shared/errors';

/**
 * Small value helpers of the Cloze node's forms: lists typed as "a, b, c" or mapped as arrays,
 * Cloze dates (a date string or UTC ms), and removing the fields a form left empty.
 */

/** "a, b ,c" or ["a", "b"] (from an expression) -> ["a", "b", "c"], without empty entries. */
export function listOf(value: unknown): string[] {
	const parts = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: value == null
				? []
				: [value];
	return parts.map((part) => String(part ?? '').trim()).filter((part) => part !== '');
}

/** Whether a form value counts as "not given". */
export function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A copy of `body` without the fields the form left empty ('' / null / undefined / []). */
export function compact(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => !isEmpty(value)));
}

/** Day/month/year dates such as 1/2/2021, which Cloze reads per the Date Format option. */
const NUMERIC_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

function dateObjectValue(value: object): string | number | undefined {
	if (value instanceof Date) return value.getTime();
	const candidate = value as { toMillis?: () => number; toISO?: () => string };
	if (typeof candidate.toMillis === 'function') return candidate.toMillis();
	if (typeof candidate.toISO === 'function') return candidate.toISO();
	return undefined;
}

/**
 * A Cloze date field: a UTC ms number (also typed as digits), or a date string (ISO 8601, or
 * 1/2/2021 read per Date Format). With `someday`, "someday" or 1 become Cloze's 1. Empty ->
 * undefined. Anything else is refused with an error naming the field.
 */
export function clozeDate(
	node: INode,
	label: string,
	value: unknown,
	options: { someday?: boolean } = {},
): string | number | undefined {
	if (isEmpty(value)) return undefined;
	if (value !== null && typeof value === 'object') {
		const converted = dateObjectValue(value);
		if (converted !== undefined) return converted;
	}
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (options.someday && (text === '1' || text.toLowerCase() === 'someday')) return 1;
		if (/^\d{9,}$/.test(text)) return Number(text);
		if (NUMERIC_DATE.test(text) || !Number.isNaN(Date.parse(text))) return text;
	}
	throw inputError(node, `${label}: ${JSON.stringify(value)} is not a date`, {
		description:
			'Enter an ISO 8601 date such as 2025-11-20T11:45:13Z or a UTC timestamp in ' +
			`milliseconds${options.someday ? ', or "someday"' : ''}.`,
	});
}

/** A date field turned into UTC milliseconds (for query parameters documented as UTC ms). */
export function utcMilliseconds(node: INode, label: string, value: unknown): number | undefined {
	const date = clozeDate(node, label, value);
	if (date === undefined || typeof date === 'number') return date;
	const parsed = Date.parse(date);
	if (Number.isNaN(parsed)) {
		throw inputError(node, `${label}: ${JSON.stringify(value)} is not a date`, {
			description:
				'Enter an ISO 8601 date such as 2025-11-20T11:45:13Z or a UTC timestamp in milliseconds.',
		});
	}
	return parsed;
}
