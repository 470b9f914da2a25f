import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { clozeApiRequest } from './transport';

/** The relation kind a form is about: the Cloze node's resource, or the trigger's event. */
export function relationTypeOf(context: ILoadOptionsFunctions): 'person' | 'company' | 'project' | undefined {
	const parameters = context.getNode().parameters;
	const candidate = String(parameters.resource ?? parameters.event ?? '').split('.')[0];
	return candidate === 'person' || candidate === 'company' || candidate === 'project' ? candidate : undefined;
}

/** Segments and stages of projects are their own lists; people and companies share theirs. */
function listKind(context: ILoadOptionsFunctions): 'people' | 'projects' {
	return relationTypeOf(context) === 'project' ? 'projects' : 'people';
}

/** A parameter of the form being edited, wherever the form keeps it (top level or in a collection). */
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

async function keyedList(context: ILoadOptionsFunctions, path: string): Promise<INodePropertyOptions[]> {
	const { list } = await clozeApiRequest.call(context, 'GET', path);
	return ((list as IDataObject[]) ?? []).map((entry) => ({
		name: String(entry.name ?? entry.key),
		value: String(entry.key),
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
	const options: INodePropertyOptions[] = [];
	for (const [segmentKey, stages] of Object.entries((segments as IDataObject) ?? {})) {
		for (const [stageKey, holder] of Object.entries((stages as IDataObject) ?? {})) {
			for (const step of ((holder as IDataObject)?.steps as IDataObject[]) ?? []) {
				options.push({
					name: segment && stage ? String(step.name) : `${String(step.name)} (${segmentKey} / ${stageKey})`,
					value: String(step.key),
				});
			}
		}
	}
	return options;
}

/** Custom fields of the form's relation type; the value is the field id, the type is told. */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const relationtype = relationTypeOf(this);
	const { list } = await clozeApiRequest.call(this, 'GET', '/v1/user/fields', relationtype ? { relationtype } : {});
	return ((list as IDataObject[]) ?? [])
		.map((field) => ({
			name: String(field.name ?? field.id),
			value: String(field.id),
			description: `${String(field.type ?? 'text')} field${field.description ? `: ${String(field.description)}` : ''}`,
		}))
		.sort(byName);
}

export async function getTeamMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { list } = await clozeApiRequest.call(this, 'GET', '/v1/team/members/list');
	return ((list as IDataObject[]) ?? [])
		.map((member) => ({
			name: member.name ? `${String(member.name)} <${String(member.email)}>` : String(member.email),
			value: String(member.email),
		}))
		.sort(byName);
}

export async function getTeamRoles(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { list } = await clozeApiRequest.call(this, 'GET', '/v1/team/roles');
	return ((list as IDataObject[]) ?? []).map((role) => ({
		name: String(role.name ?? role.id),
		value: String(role.name ?? role.id),
	}));
}

export async function getTeamNodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { list } = await clozeApiRequest.call(this, 'GET', '/v1/team/nodes');
	return ((list as IDataObject[]) ?? []).map((node) => {
		const path = String(node.path ?? node.name ?? node.id);
		return { name: path, value: path };
	});
}

export const loadOptions = {
	getSegments,
	getStages,
	getSteps,
	getCustomFields,
	getTeamMembers,
	getTeamRoles,
	getTeamNodes,
};
