import type { IDataObject } from 'n8n-workflow';

function values(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list
		.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject).value : entry))
		.filter((value): value is string => typeof value === 'string' && value !== '');
}

/**
 * The fields of a person, company or project that a user mostly maps: name, identifiers, segment,
 * stage, step, assignee, direct id, and custom fields as `{ <field id>: value }`. Cloze's own
 * record stays available with Simplify off.
 */
export function simplifyRecord(record: IDataObject): IDataObject {
	const simple: IDataObject = {};
	const copy = (key: string, from = key) => {
		if (record[from] !== undefined && record[from] !== null && record[from] !== '') simple[key] = record[from];
	};
	copy('direct');
	copy('name');
	copy('first');
	copy('last');
	copy('headline');
	copy('summary');
	const emails = values(record.emails);
	if (emails.length) simple.emails = emails;
	const phones = values(record.phones);
	if (phones.length) simple.phones = phones;
	if (Array.isArray(record.domains) && record.domains.length) simple.domains = record.domains;
	copy('segment');
	copy('stage');
	copy('step');
	copy('assignee');
	copy('lastChanged');
	if (Array.isArray(record.customFields) && record.customFields.length) {
		simple.customFields = Object.fromEntries(
			(record.customFields as IDataObject[]).map((field) => [String(field.id ?? field.name), field.value]),
		);
	}
	return simple;
}
