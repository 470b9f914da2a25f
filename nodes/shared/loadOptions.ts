import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isRecord, recordList } from './records';
import {
	fetchCustomFields,
	findCustomField,
	keywordValues,
	NAMED_CUSTOM_FIELDS,
} from './customFields';
import { clozeApiRequest } from './transport';

/** The relation kind a form is about: the Cloze node's resource, or the trigger's event. */
export function relationTypeOf(
	context: ILoadOptionsFunctions,
): 'person' | 'company' | 'project' | undefined {
	const parameters = context.getNode().parameters;
	const candidate = String(parameters.resource ?? parameters.event ?? '').split('.')[0];
	return candidate === 'person' || candidate === 'company' || candidate === 'project'
		? candidate
		: undefined;
}

/**
 * Segments and stages of projects are their own lists; people and companies share theirs. A form
 * that is about neither (Account > Get Steps) names the list in its `relationKind` parameter.
 */
function listKind(context: ILoadOptionsFunctions): 'people' | 'projects' {
	const chosen = formValue(context, 'relationKind');
	if (chosen === 'people' || chosen === 'projects') return chosen;
	return relationTypeOf(context) === 'project' ? 'projects' : 'people';
}

/**
 * A parameter of the form being edited, wherever the form keeps it (top level or in a collection).
 */
function formValue(context: ILoadOptionsFunctions, name: string): string | undefined {
	const parameters = (context.getCurrentNodeParameters() ?? {}) as IDataObject;
	for (const holder of [
		parameters,
		parameters.additionalFields,
		parameters.updateFields,
		parameters.filters,
		parameters.relationFilter,
		parameters.options,
	]) {
		const value = (holder as IDataObject | undefined)?.[name];
		if (typeof value === 'string' && value !== '' && !value.startsWith('=')) return value;
	}
	return undefined;
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** A text of an entry, or undefined when Cloze sent none (or something that is not text). */
function text(value: unknown): string | undefined {
	return (typeof value === 'string' && value !== '') || typeof value === 'number'
		? String(value)
		: undefined;
}

/**
 * The entries of the `list` a Cloze answer holds, read defensively: entries that are not objects
 * are left out (a dropdown cannot show them); an answer without a list is a `NodeApiError`.
 */
async function listEntries(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const body = await clozeApiRequest.call(context, 'GET', path, qs);
	return recordList(context.getNode(), body, 'list').filter(isRecord);
}

/** Options from entries, left out when they lack a value; the name falls back to the value. */
function options(
	entries: IDataObject[],
	read: (entry: IDataObject) => { name?: string; value?: string; description?: string },
) {
	const result: INodePropertyOptions[] = [];
	for (const entry of entries) {
		const { name, value, description } = read(entry);
		if (value === undefined) continue;
		result.push(
			description === undefined
				? { name: name ?? value, value }
				: { name: name ?? value, value, description },
		);
	}
	return result;
}

async function keyedList(
	context: ILoadOptionsFunctions,
	path: string,
): Promise<INodePropertyOptions[]> {
	return options(await listEntries(context, path), (entry) => ({
		name: text(entry.name),
		value: text(entry.key),
	}));
}

export async function getSegments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keyedList(this, `/v1/user/segments/${listKind(this)}`);
}

export async function getStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keyedList(this, `/v1/user/stages/${listKind(this)}`);
}

/** Steps of the chosen segment and stage (all steps when none is chosen), named with both. */
export async function getSteps(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const segment = formValue(this, 'segment');
	const stage = segment ? formValue(this, 'stage') : undefined;
	const qs: IDataObject = {};
	if (segment) qs.segment = segment;
	if (stage) qs.stage = stage;
	const { segments } = await clozeApiRequest.call(this, 'GET', '/v1/user/steps', qs);
	const found: INodePropertyOptions[] = [];
	for (const [segmentKey, stages] of Object.entries(isRecord(segments) ? segments : {})) {
		for (const [stageKey, holder] of Object.entries(isRecord(stages) ? stages : {})) {
			const steps =
				isRecord(holder) && Array.isArray(holder.steps) ? holder.steps.filter(isRecord) : [];
			found.push(
				...options(steps, (step) => {
					const name = text(step.name) ?? text(step.key);
					return {
						name: segment && stage ? name : `${name} (${segmentKey} / ${stageKey})`,
						value: text(step.key),
					};
				}),
			);
		}
	}
	return found;
}

/** Custom fields of the form's relation type; the value is the field id, the type is told. */
export async function getCustomFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const relationtype = relationTypeOf(this);
	const fields = await listEntries(this, '/v1/user/fields', relationtype ? { relationtype } : {});
	return options(fields, (field) => ({
		name: text(field.name),
		value: text(field.id),
		description:
			`${text(field.type) ?? 'text'} ` +
			`field${text(field.description) ? `: ${text(field.description)}` : ''}`,
	})).sort(byName);
}

/**
 * Fields an audit change filter can name: segment, stage, step (the audited fields) and the
 * custom fields of the form's relation type, chosen by name; the value is the field id.
 */
export async function getChangeFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const audited: INodePropertyOptions[] = [
		{ name: 'Segment', value: 'segment', description: 'Audited field' },
		{ name: 'Stage', value: 'stage', description: 'Audited field' },
		{ name: 'Step', value: 'step', description: 'Audited field' },
	];
	return [...audited, ...(await getCustomFields.call(this))];
}

/**
 * Before/After of an audit change condition: "Any Value" (`*`), then the values of the field the
 * same condition names — the segment, stage or step lists, or a keyword custom field's values
 * (none for other custom fields: enter those as an expression).
 */
export async function getChangeValues(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const field = this.getCurrentNodeParameter('&field');
	const any: INodePropertyOptions = { name: 'Any Value (*)', value: '*' };
	if (typeof field !== 'string' || field === '' || field.startsWith('=')) return [any];
	const lists: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
		segment: getSegments,
		stage: getStages,
		step: getSteps,
	};
	const values = lists[field] ? await lists[field].call(this) : await keywordOptions(this, [field]);
	return [any, ...values];
}

export async function getTeamMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return options(await listEntries(this, '/v1/team/members/list'), (member) => {
		const email = text(member.email);
		const name = text(member.name);
		return { name: name && email ? `${name} <${email}>` : email, value: email };
	}).sort(byName);
}

export async function getTeamRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return options(await listEntries(this, '/v1/team/roles'), (role) => {
		const value = text(role.name) ?? text(role.id);
		return { name: value, value };
	});
}

/**
 * Subteam nodes as Cloze lists them (SubteamNode `{ node, fullPathLabel, leafLabel, depth }`); the
 * value is `node`.
 */
export async function getTeamNodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return options(await listEntries(this, '/v1/team/nodes'), (entry) => {
		const node = text(entry.node);
		return {
			name: text(entry.fullPathLabel) ?? text(entry.leafLabel) ?? node,
			value: node,
			description: node,
		};
	});
}

/** Values of a keyword custom field found by id or name; none when the account lacks the field. */
async function keywordOptions(
	context: ILoadOptionsFunctions,
	keys: readonly string[],
): Promise<INodePropertyOptions[]> {
	const field = findCustomField(
		await fetchCustomFields.call(context, relationTypeOf(context) ?? 'person'),
		keys,
	);
	return field ? keywordValues(field).map(({ key, label }) => ({ name: label, value: key })) : [];
}

export async function getLeadSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keywordOptions(this, NAMED_CUSTOM_FIELDS.leadSource);
}

export async function getRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keywordOptions(this, NAMED_CUSTOM_FIELDS.role);
}

export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keywordOptions(this, NAMED_CUSTOM_FIELDS.department);
}

export async function getProjectTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await keywordOptions(this, NAMED_CUSTOM_FIELDS.projectType);
}

export async function getForecasts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await keywordOptions(this, NAMED_CUSTOM_FIELDS.forecast);
}

export const loadOptions = {
	getSegments,
	getStages,
	getSteps,
	getCustomFields,
	getLeadSources,
	getRoles,
	getDepartments,
	getProjectTypes,
	getForecasts,
	getChangeFields,
	getChangeValues,
	getTeamMembers,
	getTeamRoles,
	getTeamNodes,
};
