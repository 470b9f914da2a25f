import type { IDataObject, INode } from 'n8n-workflow';
import { inputError } from './errors';

import { isRecord, recordList } from './records';
import type { RelationKind } from './relations';
import { clozeApiRequest, type ClozeContext } from './transport';

/** A custom field as `GET /v1/user/fields` describes it. */
export interface ClozeCustomField {
	id: string;
	type: string;
	name: string;
	values?: Record<string, { label?: string; locked?: boolean }>;
}

/** The custom fields that apply to a relation kind (`GET /v1/user/fields?relationtype=…`). */
export async function fetchCustomFields(
	this: ClozeContext,
	kind: RelationKind,
): Promise<ClozeCustomField[]> {
	const body = await clozeApiRequest.call(this, 'GET', '/v1/user/fields', { relationtype: kind });
	// Entries that are not objects, or have no id, cannot be used and are left out.
	return recordList(this.getNode(), body, 'list')
		.filter(isRecord)
		.filter((field) => typeof field.id === 'string' && field.id !== '')
		.map((field) => ({
			id: String(field.id),
			type: typeof field.type === 'string' ? field.type : 'text',
			name: typeof field.name === 'string' && field.name !== '' ? field.name : String(field.id),
			values: isRecord(field.values) ? (field.values as ClozeCustomField['values']) : undefined,
		}));
}

/** The field whose id, or else name, is one of `keys` (case-insensitive). */
export function findCustomField(
	fields: ClozeCustomField[],
	keys: string | readonly string[],
): ClozeCustomField | undefined {
	const wanted = (typeof keys === 'string' ? [keys] : keys).map((key) => key.trim().toLowerCase());
	return (
		fields.find((field) => wanted.includes(field.id.toLowerCase())) ??
		fields.find((field) => wanted.includes(field.name.toLowerCase()))
	);
}

/**
 * Custom fields the forms offer by name (as the Cloze UI and other integrations do): the field of
 * the account whose id or name is one of these.
 */
export const NAMED_CUSTOM_FIELDS = {
	leadSource: ['lead-source', 'Lead Source'],
	role: ['role', 'Role'],
	department: ['department', 'Department'],
	projectType: ['project-type', 'type', 'Type', 'Project Type'],
	forecast: ['forecast', 'Forecast'],
} as const;

/** Keyword values of a field as `{ key, label }`. */
export function keywordValues(field: ClozeCustomField): Array<{ key: string; label: string }> {
	return Object.entries(field.values ?? {}).map(([key, value]) => ({
		key,
		label: isRecord(value) && typeof value.label === 'string' ? value.label : key,
	}));
}

const NUMBER_TYPES = ['number', 'currency', 'decimal', 'integer'];
const KEYWORD_TYPES = ['keyword', 'keywords'];

/**
 * The day of a date as Cloze writes days (`YYYY-MM-DD`): from a date, a date-time or UTC ms;
 * undefined if none.
 */
export function dayOf(raw: string): string | undefined {
	if (/^\d{4}-\d{2}-\d{2}/.test(raw)) return raw.slice(0, 10);
	const time = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
	if (raw === '' || !Number.isFinite(time)) return undefined;
	return new Date(time).toISOString().slice(0, 10);
}

/**
 * Cloze's `{ id, type, value }` for a value typed into the form, coerced by the field's type:
 * numbers (and currency) become numbers, dates `YYYY-MM-DD`, keyword values their key (the key or
 * the label may be given). Refuses what the field cannot hold, naming `label`.
 */
export function customFieldValue(
	node: INode,
	field: ClozeCustomField,
	value: unknown,
	label: string,
): IDataObject {
	const raw = typeof value === 'string' ? value.trim() : value;
	const type = field.type.toLowerCase();
	const fail = (why: string) =>
		inputError(node, `${label}: ${why}`, {
			description: `Custom field "${field.name}" (${field.id}) is of type ${field.type}.`,
		});
	if (NUMBER_TYPES.includes(type)) {
		const number = typeof raw === 'number' ? raw : Number(raw);
		if (raw === '' || raw === null || raw === undefined || !Number.isFinite(number)) {
			throw fail(`"${String(raw)}" is not a number`);
		}
		return { id: field.id, type: field.type, value: number };
	}
	if (type === 'date') {
		const date = dayOf(String(raw ?? ''));
		if (date === undefined) throw fail(`"${String(raw)}" is not a date (e.g. 2025-12-31)`);
		return { id: field.id, type: field.type, value: date };
	}
	if (KEYWORD_TYPES.includes(type) && field.values && Object.keys(field.values).length) {
		const text = String(raw ?? '').toLowerCase();
		const match = keywordValues(field).find(
			(entry) => entry.key.toLowerCase() === text || entry.label.toLowerCase() === text,
		);
		if (match === undefined) {
			const allowed = keywordValues(field)
				.map((entry) => `${entry.label} (${entry.key})`)
				.join(', ');
			throw fail(`"${String(raw)}" is not one of its values: ${allowed}`);
		}
		return { id: field.id, type: field.type, value: match.key };
	}
	return { id: field.id, type: field.type, value: raw as string };
}
