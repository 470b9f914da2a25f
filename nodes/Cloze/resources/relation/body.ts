import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeParameterResourceLocator,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import { listOf } from '../../shared/values';
import { SOCIAL_TYPES, writeFieldsOf, type Send } from './writeFields';
import {
	customFieldValue,
	dayOf,
	fetchCustomFields,
	findCustomField,
	type ClozeCustomField,
} from '../../../shared/customFields';
import { RELATIONS, type RelationKind } from '../../../shared/relations';

/**
 * Turns the Create and Update forms into Cloze's record (the body of `create`/`update`, the record
 * itself at the top level): typed lists, flags, keywords, dates, custom fields typed from the
 * account, and the identifiers Cloze finds or creates the record by. Refuses, before any request,
 * a form that lacks the identifier Cloze needs.
 */

const text = (value: unknown): string =>
	value === undefined || value === null ? '' : String(value).trim();

/**
 * Rows of a multiple-value fixed collection (`{ entry: [...] }`), or an array given by expression.
 */
function entries(value: unknown): IDataObject[] {
	if (Array.isArray(value)) return value as IDataObject[];
	const list = (value as IDataObject | undefined)?.entry;
	if (Array.isArray(list)) return list as IDataObject[];
	return list && typeof list === 'object' ? [list as IDataObject] : [];
}

const filled = (value: unknown): boolean =>
	typeof value === 'number' ? value !== 0 : text(value) !== '';

function dateOnly(node: INode, value: unknown, label: string): string {
	const day = dayOf(text(value));
	if (day === undefined)
		throw inputError(node, `${label}: "${text(value)}" is not a date (e.g. 2025-12-31)`);
	return day;
}

/**
 * The rows of a `rows` entry of the table as Cloze's objects, refusing a row that lacks a required
 * key.
 */
function rowObjects(
	node: INode,
	label: string,
	value: unknown,
	send: Extract<Send, { as: 'rows' }>,
): IDataObject[] {
	const flags = send.flags ?? [];
	const out: IDataObject[] = [];
	for (const [index, row] of entries(value).entries()) {
		const object: IDataObject = {};
		for (const [cell, key] of send.fields) {
			if (filled(row[cell]))
				object[key] = typeof row[cell] === 'number' ? row[cell] : text(row[cell]);
		}
		if (Object.keys(object).length === 0 || Object.keys(object).every((key) => key === 'type'))
			continue;
		for (const missingKey of send.required.filter((key) => object[key] === undefined)) {
			const cell = send.fields.find(([, key]) => key === missingKey)?.[0] ?? missingKey;
			throw inputError(node, `${label}: entry ${index + 1} needs a value for "${cell}"`, {
				description: `Every entry of ${label} needs ${send.required.join(' and ')}.`,
			});
		}
		for (const name of flags) if (row[name] === true) object[name] = true;
		out.push(object);
	}
	return out;
}

const PHONE = /^[+\d\s().-]+$/;
const isPhone = (value: string) => PHONE.test(value) && value.replace(/\D/g, '').length >= 4;

/** A person or company given by one identifier, as the record Cloze finds it by. */
function relationByIdentifier(relation: 'person' | 'company', identifier: string): IDataObject {
	if (identifier.includes('@')) return { emails: [{ value: identifier }] };
	if (isPhone(identifier))
		return {
			phones: [relation === 'person' ? { value: identifier, mobile: true } : { value: identifier }],
		};
	if (relation === 'company' && /^[^\s/:]+\.[^\s/:]+$/.test(identifier))
		return { domains: [identifier] };
	const social = /^([a-z]+):(.+)$/i.exec(identifier);
	if (
		relation === 'person' &&
		social &&
		SOCIAL_TYPES.some(([type]) => type === social[1].toLowerCase())
	) {
		return { socials: [{ type: social[1].toLowerCase(), value: social[2].trim() }] };
	}
	return { direct: identifier };
}

/**
 * What the form's write collection puts in the body (custom fields aside), entry by entry of the
 * table.
 */
function recordFields(
	node: INode,
	kind: RelationKind,
	operation: 'create' | 'update',
	fields: IDataObject,
): IDataObject {
	const record: IDataObject = {};
	const socials: IDataObject[] = [];
	for (const { send, property } of writeFieldsOf(kind, operation)) {
		const value = fields[property.name];
		if (value === undefined) continue;
		const label = property.displayName.replace(/ Names? or IDs?$/, '');
		switch (send.as) {
			case 'text':
				if (text(value) !== '') record[send.key] = text(value);
				break;
			case 'boolean':
				record[send.key] = value === true;
				break;
			case 'flag':
				if (value === true) record[send.key] = send.value;
				break;
			case 'list': {
				const list = listOf(value);
				if (list.length) record[send.key] = list;
				break;
			}
			case 'date':
				if (text(value) !== '') record[send.key] = dateOnly(node, value, label);
				break;
			case 'rows': {
				const list = rowObjects(node, label, value, send);
				if (send.key === 'socials') socials.unshift(...list);
				else if (list.length) record[send.key] = list;
				break;
			}
			case 'strings': {
				const list = entries(value)
					.map((row) => text(row[send.cell]))
					.filter((note) => note !== '');
				if (list.length) record[send.key] = list;
				break;
			}
			case 'social':
				if (text(value) !== '') socials.push({ type: send.type, value: text(value) });
				break;
			case 'relations': {
				const list = listOf(value).map((identifier) =>
					relationByIdentifier(send.relation, identifier),
				);
				if (list.length) record[send.key] = list;
				break;
			}
			case 'companies': {
				const list = entries(value)
					.map((row) => ({ name: text(row.name), domain: text(row.domain) }))
					.filter((row) => row.name !== '' || row.domain !== '')
					.map((row) => ({
						...(row.name ? { name: row.name } : {}),
						...(row.domain ? { domains: [row.domain] } : {}),
					}));
				if (list.length) record.companies = list;
				break;
			}
			default:
				break; // custom fields: see customFields()
		}
	}
	if (socials.length) record.socials = socials;
	return record;
}

/** The custom fields of the form as Cloze's `customFields`, typed by the account's field list. */
async function customFields(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	operation: 'create' | 'update',
	fields: IDataObject,
): Promise<IDataObject[] | undefined> {
	const node = context.getNode();
	const direct: IDataObject[] = [];
	const wanted: Array<{
		keys: string | readonly string[];
		value: unknown;
		label: string;
		dateOnly?: boolean;
	}> = [];
	for (const { send, property } of writeFieldsOf(kind, operation)) {
		const value = fields[property.name];
		if (value === undefined) continue;
		if (send.as === 'customFields') {
			for (const entry of entries((value as IDataObject | undefined)?.field ?? [])) {
				if (text(entry.id) === '')
					throw inputError(node, 'Custom Fields: choose a field for every value');
				const dated = text(entry.dateValue) !== '';
				wanted.push({
					keys: text(entry.id),
					value: dated ? entry.dateValue : entry.value,
					label: `Custom field "${text(entry.id)}"`,
					...(dated ? { dateOnly: true } : {}),
				});
			}
		} else if (send.as === 'namedCustomField' && text(value) !== '') {
			wanted.push({
				keys: send.keys,
				value,
				label: property.displayName.replace(/ Name or ID$/, ''),
			});
		} else if (send.as === 'currency' && text(value) !== '') {
			const number = Number(value);
			if (!Number.isFinite(number))
				throw inputError(node, `${property.displayName}: "${text(value)}" is not a number`);
			direct.push({ id: send.id, type: 'currency', value: number });
		}
	}
	if (wanted.length === 0) return direct.length ? direct : undefined;
	const available: ClozeCustomField[] = await fetchCustomFields.call(context, kind);
	const typed = wanted.map(({ keys, value, label, dateOnly }) => {
		const field = findCustomField(available, keys);
		if (field === undefined) {
			throw inputError(
				node,
				`${label}: the Cloze account has no such ${RELATIONS[kind].noun} custom field`,
				{
					description:
						`Custom fields of ${RELATIONS[kind].nounPlural}: ` +
						`${available.map((f) => `${f.name} (${f.id})`).join(', ') || 'none'}.`,
				},
			);
		}
		if (dateOnly && field.type.toLowerCase() !== 'date') {
			throw inputError(
				node,
				`${label}: Date Value is for date fields, and "${field.name}" is a ${field.type} field`,
				{
					description: 'Clear Date Value and enter the value in Value.',
				},
			);
		}
		return customFieldValue(node, field, value, label);
	});
	return [...direct, ...typed];
}

function missing(node: INode, field: string, why: string): ReturnType<typeof inputError> {
	return inputError(node, `${field} is required: ${why}`, {
		description:
			'Fill in the field, or check that its expression does not resolve to an empty value.',
	});
}

function prepend(record: IDataObject, key: string, entry: IDataObject | string): void {
	record[key] = [entry, ...((record[key] as Array<IDataObject | string> | undefined) ?? [])];
}

/** A phone as the identifier of a person: Cloze finds people only by mobile numbers. */
const identifyingPhone = (kind: RelationKind, value: string): IDataObject =>
	kind === 'person' ? { value, mobile: true } : { value };

/** The identifiers typed at the top of a Create form, merged into the record. */
function createIdentifiers(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	record: IDataObject,
): void {
	const node = context.getNode();
	const param = (name: string) => text(context.getNodeParameter(name, ''));
	const name = param('name');
	if (kind === 'project') {
		if (name === '') throw missing(node, 'Name', 'Cloze creates a project only with a name');
		record.name = name;
		return;
	}
	if (name !== '') record.name = name;
	const identifyBy = String(
		context.getNodeParameter('identifyBy', kind === 'company' ? 'domain' : 'email'),
	);
	if (identifyBy === 'domain') {
		const domain = param('domain');
		if (domain === '')
			throw missing(
				node,
				'Domain',
				'Cloze creates a company by its domain, or by a name plus an e-mail address or phone',
			);
		prepend(record, 'domains', domain);
		return;
	}
	const hasName = name !== '' || text(record.first) !== '' || text(record.last) !== '';
	if (identifyBy === 'email') {
		const email = param('email');
		if (email === '') {
			throw missing(
				node,
				'Email',
				`Cloze creates a ${RELATIONS[kind].noun} by its e-mail ` +
					`address${
						kind === 'person'
							? ', or by a name plus a mobile phone or social handle'
							: ' and name, or by its domain'
					}`,
			);
		}
		if (kind === 'company' && !hasName)
			throw missing(node, 'Name', 'Cloze creates a company by e-mail address only with its name');
		prepend(record, 'emails', { value: email });
		return;
	}
	if (!hasName) {
		throw missing(
			node,
			'Name',
			`without ${kind === 'person' ? 'an e-mail address' : 'a domain'}, Cloze creates a ` +
				`${RELATIONS[kind].noun} by a name plus another identifier`,
		);
	}
	if (identifyBy === 'namePhone') {
		const phone = param('phone');
		if (phone === '')
			throw missing(
				node,
				'Phone',
				`it is the identifier the ${RELATIONS[kind].noun} is created by, with the name`,
			);
		prepend(record, 'phones', identifyingPhone(kind, phone));
		return;
	}
	const network = String(context.getNodeParameter('socialNetwork', 'twitter'));
	const handle = param('socialHandle');
	if (handle === '')
		throw missing(
			node,
			'Social Handle',
			'it is the identifier the person is created by, with the name',
		);
	prepend(record, 'socials', { type: network, value: handle });
}

/**
 * The identifier an Update finds the record by, merged into the record. By phone (and a company by
 * e-mail) Cloze needs the name too, and a person's phone marked mobile.
 */
function updateIdentifier(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	record: IDataObject,
): void {
	const node = context.getNode();
	const locator = context.getNodeParameter('record') as INodeParameterResourceLocator;
	const value = text(locator?.value);
	if (value === '')
		throw missing(node, RELATIONS[kind].label, `choose the ${RELATIONS[kind].noun} to update`);
	const needsName = locator.mode === 'phone' || (kind === 'company' && locator.mode === 'email');
	if (
		needsName &&
		text(record.name) === '' &&
		!(text(record.first) !== '' || text(record.last) !== '')
	) {
		throw missing(
			node,
			'Name (under Update Fields)',
			`Cloze finds a ${RELATIONS[kind].noun} by ` +
				`${locator.mode === 'phone' ? 'phone' : 'e-mail address'} only together with its name`,
		);
	}
	if (locator.mode === 'email') prepend(record, 'emails', { value });
	else if (locator.mode === 'phone') prepend(record, 'phones', identifyingPhone(kind, value));
	else if (locator.mode === 'domain') prepend(record, 'domains', value);
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
		const fields = this.getNodeParameter(
			operation === 'create' ? 'additionalFields' : 'updateFields',
			{},
		) as IDataObject;
		const record = recordFields(this.getNode(), kind, operation, fields);
		if (operation === 'create') createIdentifiers(this, kind, record);
		else updateIdentifier(this, kind, record);
		const custom = await customFields(this, kind, operation, fields);
		if (custom) record.customFields = custom;
		requestOptions.body = record;
		return requestOptions;
	};
}

/**
 * The identifier the record can be read back with (`uniqueid` of Get): the top-of-form identifier
 * of a Create, the chosen record of an Update.
 */
export function writtenIdentifier(
	context: IExecuteSingleFunctions,
	kind: RelationKind,
	operation: 'create' | 'update',
): string {
	if (operation === 'update')
		return text((context.getNodeParameter('record') as INodeParameterResourceLocator)?.value);
	if (kind === 'project') return text(context.getNodeParameter('name', ''));
	const identifyBy = String(
		context.getNodeParameter('identifyBy', kind === 'company' ? 'domain' : 'email'),
	);
	if (identifyBy === 'domain') return text(context.getNodeParameter('domain', ''));
	if (identifyBy === 'email') return text(context.getNodeParameter('email', ''));
	if (identifyBy === 'namePhone') return text(context.getNodeParameter('phone', ''));
	const network = String(context.getNodeParameter('socialNetwork', 'twitter'));
	const handle = text(context.getNodeParameter('socialHandle', ''));
	return `${network}:${handle}`;
}
