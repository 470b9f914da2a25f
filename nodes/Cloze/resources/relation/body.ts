import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listOf } from '../../shared/values';
import {
	customFieldValue,
	dayOf,
	fetchCustomFields,
	findCustomField,
	NAMED_CUSTOM_FIELDS,
	type ClozeCustomField,
} from '../../../shared/customFields';
import { RELATIONS, type RelationKind } from '../../../shared/relations';

/**
 * Turns the Create and Update forms into Cloze's record (the body of `create`/`update`, the record
 * itself at the top level): typed lists, flags, keywords, dates, custom fields typed from the
 * account, and the identifiers Cloze finds or creates the record by. Refuses, before any request,
 * a form that lacks the identifier Cloze needs.
 */

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());

/** Scalar options of the collections and the record field each one fills. */
const SCALARS: Record<string, string> = {
	name: 'name',
	first: 'first',
	last: 'last',
	headline: 'headline',
	picture: 'picture',
	description: 'description',
	summary: 'summary',
	notes: 'atAGlanceNotes',
	segment: 'segment',
	stage: 'stage',
	step: 'step',
	assignee: 'assignee',
	twitter: 'twitter',
	facebook: 'facebook',
	linkedin: 'linkedin',
	projectType: 'type',
	forecast: 'forecast',
};

/** Date options of projects and their labels. */
const DATES: Record<string, string> = {
	createdDate: 'Created',
	startDate: 'Start',
	endDate: 'End',
	matchingChanged: 'Matching Changed',
};

/** Entries of a multiple-value fixed collection (`{ entry: [...] }`), or an array given by expression. */
function entries(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	const list = (value as IDataObject | undefined)?.entry;
	if (Array.isArray(list)) return list as IDataObject[];
	return list && typeof list === 'object' ? [list as IDataObject] : [];
}

function flagged(entry: IDataObject, keys: string[], flags: string[]): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) {
		const value = entry[key];
		if (typeof value === 'number' ? value !== 0 : text(value) !== '') out[key] = typeof value === 'number' ? value : text(value);
	}
	for (const flag of flags) if (entry[flag] === true) out[flag] = true;
	return out;
}

function dateOnly(node: INode, value: unknown, label: string): string {
	const day = dayOf(text(value));
	if (day === undefined) throw new NodeOperationError(node, `${label}: "${text(value)}" is not a date (e.g. 2025-12-31)`);
	return day;
}

/** Record fields of a filled Additional Fields / Update Fields collection, custom fields aside. */
function recordFields(node: INode, fields: IDataObject): IDataObject {
	const record: IDataObject = {};
	for (const [option, key] of Object.entries(SCALARS)) {
		if (fields[option] !== undefined && text(fields[option]) !== '') record[key] = text(fields[option]);
	}
	if (fields.private !== undefined) record.private = fields.private === true;
	if (fields.value !== undefined && text(fields.value) !== '') {
		const value = Number(fields.value);
		if (!Number.isFinite(value)) throw new NodeOperationError(node, `Value: "${text(fields.value)}" is not a number`);
		record.value = value;
	}
	for (const [key, label] of Object.entries(DATES)) {
		if (fields[key] !== undefined && text(fields[key]) !== '') record[key] = dateOnly(node, fields[key], label);
	}
	if (fields.keywords !== undefined) record.keywords = listOf(fields.keywords);
	if (fields.domains !== undefined) record.domains = listOf(fields.domains);
	const lists: Array<[string, string[], string[]]> = [
		['emails', ['value'], ['work', 'home']],
		['phones', ['value'], ['work', 'home', 'mobile']],
		['faxes', ['value'], ['work', 'home']],
		['addresses', ['street', 'city', 'state', 'zip', 'country', 'lat', 'lon'], ['work', 'home']],
		['appLinks', ['source', 'uniqueid', 'label', 'url'], []],
		['contactUrls', ['value', 'name', 'type'], []],
	];
	for (const [name, keys, flags] of lists) {
		if (fields[name] === undefined) continue;
		const list = entries(fields[name])
			.map((entry) => flagged(entry, keys, flags))
			.filter((entry) => Object.keys(entry).some((key) => !flags.includes(key)));
		if (list.length) record[name] = list;
	}
	for (const [index, link] of ((record.appLinks as IDataObject[] | undefined) ?? []).entries()) {
		if (!link.source || !link.uniqueid) {
			throw new NodeOperationError(node, `App Links: entry ${index + 1} needs both a Source and a Unique ID`);
		}
	}
	if (fields.shareToTeam === true) record.shareTo = 'team';
	if (fields.dryRun === true) record.dryrun = true;
	return record;
}

/** The custom fields of the form as Cloze's `customFields`, typed by the account's field list. */
async function customFields(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	fields: IDataObject,
): Promise<IDataObject[] | undefined> {
	const wanted: Array<{ keys: string | readonly string[]; value: unknown; label: string }> = [];
	for (const entry of entries((fields.customFields as IDataObject | undefined)?.field ?? [])) {
		if (text(entry.id) === '') throw new NodeOperationError(context.getNode(), 'Custom Fields: choose a field for every value');
		wanted.push({ keys: text(entry.id), value: entry.value, label: `Custom field "${text(entry.id)}"` });
	}
	const named: Array<[keyof typeof NAMED_CUSTOM_FIELDS, string]> = [
		['leadSource', 'Lead Source'],
		['role', 'Role'],
		['department', 'Department'],
	];
	for (const [option, label] of named) {
		if (fields[option] !== undefined && text(fields[option]) !== '') {
			wanted.push({ keys: NAMED_CUSTOM_FIELDS[option], value: fields[option], label });
		}
	}
	if (wanted.length === 0) return undefined;
	const available: ClozeCustomField[] = await fetchCustomFields.call(context, kind);
	return wanted.map(({ keys, value, label }) => {
		const field = findCustomField(available, keys);
		if (field === undefined) {
			throw new NodeOperationError(context.getNode(), `${label}: the Cloze account has no such ${RELATIONS[kind].noun} custom field`, {
				description: `Custom fields of ${RELATIONS[kind].nounPlural}: ${available.map((f) => `${f.name} (${f.id})`).join(', ') || 'none'}.`,
			});
		}
		return customFieldValue(context.getNode(), field, value, label);
	});
}

function missing(node: INode, field: string, why: string): NodeOperationError {
	return new NodeOperationError(node, `${field} is required: ${why}`, {
		description: 'Fill in the field, or check that its expression does not resolve to an empty value.',
	});
}

/** The identifiers typed at the top of a Create form, merged into the record. */
function createIdentifiers(context: IExecuteSingleFunctions, kind: RelationKind, record: IDataObject): void {
	const node = context.getNode();
	const param = (name: string) => text(context.getNodeParameter(name, ''));
	const prepend = (key: string, entry: IDataObject | string) => {
		record[key] = [entry, ...((record[key] as Array<IDataObject | string> | undefined) ?? [])];
	};
	if (kind === 'project') {
		const name = param('name');
		if (name === '') throw missing(node, 'Name', 'Cloze creates a project only with a name');
		record.name = name;
		return;
	}
	const name = param('name');
	if (name !== '') record.name = name;
	const identifyBy = String(context.getNodeParameter('identifyBy', kind === 'company' ? 'domain' : 'email'));
	if (identifyBy === 'domain') {
		const domain = param('domain');
		if (domain === '') throw missing(node, 'Domain', 'Cloze creates a company by its domain or e-mail address');
		prepend('domains', domain);
		return;
	}
	if (identifyBy === 'email') {
		const email = param('email');
		if (email === '') {
			throw missing(
				node,
				'Email',
				`Cloze creates a ${RELATIONS[kind].noun} by its e-mail address${kind === 'person' ? ', or by a name plus another identifier' : ' or domain'}`,
			);
		}
		prepend('emails', { value: email });
		return;
	}
	// A person by name plus another identifier.
	const hasName = name !== '' || text(record.first) !== '' || text(record.last) !== '';
	if (!hasName) throw missing(node, 'Name', 'without an e-mail address, Cloze creates a person by a name plus another identifier');
	if (identifyBy === 'namePhone') {
		const phone = param('phone');
		if (phone === '') throw missing(node, 'Phone', 'it is the identifier the person is created by, with the name');
		prepend('phones', { value: phone });
		return;
	}
	const network = String(context.getNodeParameter('socialNetwork', 'twitter'));
	const handle = param('socialHandle');
	if (handle === '') throw missing(node, 'Social Handle', 'it is the identifier the person is created by, with the name');
	record[network] = handle;
}

/** The identifier an Update finds the record by, merged into the record. */
function updateIdentifier(context: IExecuteSingleFunctions, kind: RelationKind, record: IDataObject): void {
	const node = context.getNode();
	const locator = context.getNodeParameter('record') as INodeParameterResourceLocator;
	const value = text(locator?.value);
	if (value === '') throw missing(node, RELATIONS[kind].label, `choose the ${RELATIONS[kind].noun} to update`);
	const prepend = (key: string, entry: IDataObject | string) => {
		record[key] = [entry, ...((record[key] as Array<IDataObject | string> | undefined) ?? [])];
	};
	if (locator.mode === 'email') prepend('emails', { value });
	else if (locator.mode === 'phone') prepend('phones', { value });
	else if (locator.mode === 'domain') prepend('domains', value);
	else record.direct = value;
	if (kind === 'project') {
		const name = text(context.getNodeParameter('name', ''));
		if (name === '') throw missing(node, 'Name', 'Cloze needs the project name on every update');
		record.name = name;
	}
}

/** `preSend` of Create and Update: the whole body, from the form. */
export function relationBody(kind: RelationKind, operation: 'create' | 'update') {
	return async function sendRelationBody(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const fields = this.getNodeParameter(operation === 'create' ? 'additionalFields' : 'updateFields', {}) as IDataObject;
		const record = recordFields(this.getNode(), fields);
		if (operation === 'create') createIdentifiers(this, kind, record);
		else updateIdentifier(this, kind, record);
		const custom = await customFields(this, kind, fields);
		if (custom) record.customFields = custom;
		requestOptions.body = record;
		return requestOptions;
	};
}

/**
 * The identifier the record can be read back with (`uniqueid` of Get): the top-of-form identifier
 * of a Create, the chosen record of an Update.
 */
export function writtenIdentifier(context: IExecuteSingleFunctions, kind: RelationKind, operation: 'create' | 'update'): string {
	if (operation === 'update') return text((context.getNodeParameter('record') as INodeParameterResourceLocator)?.value);
	if (kind === 'project') return text(context.getNodeParameter('name', ''));
	const identifyBy = String(context.getNodeParameter('identifyBy', kind === 'company' ? 'domain' : 'email'));
	if (identifyBy === 'domain') return text(context.getNodeParameter('domain', ''));
	if (identifyBy === 'email') return text(context.getNodeParameter('email', ''));
	if (identifyBy === 'namePhone') return text(context.getNodeParameter('phone', ''));
	return `${String(context.getNodeParameter('socialNetwork', 'twitter'))}:${text(context.getNodeParameter('socialHandle', ''))}`;
}
