import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyCollection,
	NodeParameterValueType,
} from 'n8n-workflow';
import { inputError } from './errors';

import { describeType, isRecord } from './records';

/**
 * Field types that hold one value: an object or array there would be sent as `[object Object]` or
 * `a,b`.
 */
const SCALAR_TYPES = new Set(['string', 'number', 'options', 'dateTime', 'color']);

/**
 * A text field that takes a list ("separated by commas", "comma-separated"): an array is that list.
 */
function takesList(property: INodeProperties): boolean {
	return property.type === 'string' && /comma/i.test(property.description ?? '');
}

function isScalar(value: unknown): boolean {
	return (
		value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)
	);
}

/**
 * Whether a show/hide condition holds for the current values (plain value lists, as the forms use).
 */
function conditionHolds(wanted: unknown, actual: unknown): boolean {
	const list = Array.isArray(wanted) ? wanted : [wanted];
	const values = Array.isArray(actual) ? actual : [actual];
	return values.some((value) => list.includes(value as never));
}

/** Whether n8n shows `property` for the values of its level (`level`) and of the node (`root`). */
function isShown(property: INodeProperties, level: IDataObject, root: IDataObject): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const value = (key: string) => (key.startsWith('/') ? root[key.slice(1)] : level[key]);
	for (const [key, wanted] of Object.entries(show ?? {})) {
		if (!conditionHolds(wanted, value(key))) return false;
	}
	for (const [key, wanted] of Object.entries(hide ?? {})) {
		if (conditionHolds(wanted, value(key))) return false;
	}
	return true;
}

/**
 * A field that got a structure where it takes one value: its name (path), the value, what it takes.
 */
interface Refusal {
	field: string;
	value: unknown;
	wanted: string;
}

/**
 * The {@link Refusal} of `value`, the value of `property`, when it is a structure where it takes
 * one value.
 */
function refusalOf(
	property: INodeProperties,
	value: unknown,
	path: string[] = [],
): Refusal | undefined {
	const field = [...path, property.displayName].join(' > ');
	if (value === undefined || value === null) return undefined;
	if (SCALAR_TYPES.has(property.type)) {
		if (property.typeOptions?.multipleValues === true && Array.isArray(value)) {
			for (const entry of value) {
				const refusal = refusalOf({ ...property, typeOptions: {} }, entry, path);
				if (refusal) return refusal;
			}
			return undefined;
		}
		if (Array.isArray(value) && takesList(property) && value.every(isScalar)) return undefined;
		if (typeof value !== 'object') return undefined;
		return { field, value, wanted: property.type === 'number' ? 'a number' : 'a single value' };
	}
	if (property.type === 'multiOptions') {
		const entries = Array.isArray(value) ? value : [value];
		return entries.every(isScalar) ? undefined : { field, value, wanted: 'a list of values' };
	}
	if (property.type === 'resourceLocator') {
		const chosen = isRecord(value) && '__rl' in value ? value.value : value;
		return chosen !== null && typeof chosen === 'object'
			? { field, value: chosen, wanted: 'a single value' }
			: undefined;
	}
	if (property.type === 'collection' && isRecord(value)) {
		return levelRefusal((property.options ?? []) as INodeProperties[], value, [
			...path,
			property.displayName,
		]);
	}
	if (property.type === 'fixedCollection' && isRecord(value)) {
		for (const group of (property.options ?? []) as INodePropertyCollection[]) {
			const entries = value[group.name];
			for (const entry of Array.isArray(entries)
				? entries
				: entries === undefined
					? []
					: [entries]) {
				if (!isRecord(entry)) continue;
				const refusal = levelRefusal(group.values, entry, [
					...path,
					property.displayName,
					group.displayName,
				]);
				if (refusal) return refusal;
			}
		}
	}
	return undefined;
}

/**
 * The first {@link Refusal} among the fields given at one level (a collection, an entry of a fixed
 * collection).
 */
function levelRefusal(
	properties: INodeProperties[],
	values: IDataObject,
	path: string[],
): Refusal | undefined {
	for (const property of properties) {
		if (!(property.name in values) || !isShown(property, values, values)) continue;
		const refusal = refusalOf(property, values[property.name], path);
		if (refusal) return refusal;
	}
	return undefined;
}

/**
 * `preSend` of the Cloze node's Resource parameter: one check for every operation. Walks the fields
 * the current resource and operation show (collections and fixed collections included) with their
 * resolved values and refuses, before any request, an object or array where a field takes one value
 * (an identifier, a text, a number, an option), naming the field and the type received. Text fields
 * that take a comma-separated list accept an array of values as that list; JSON fields take
 * anything.
 */
export function structuredValueCheck(properties: () => INodeProperties[]) {
	// The fields each resource and operation can show, found once: the check runs for every item.
	const candidates = new Map<string, INodeProperties[]>();
	const candidatesFor = (raw: IDataObject): INodeProperties[] => {
		const key = `${String(raw.resource)}\u0000${String(raw.operation)}`;
		let list = candidates.get(key);
		if (!list) {
			const fixed = { resource: raw.resource, operation: raw.operation };
			list = properties().filter((property) => {
				const show = property.displayOptions?.show ?? {};
				return ['resource', 'operation'].every(
					(name) =>
						!(name in show) || conditionHolds(show[name], fixed[name as keyof typeof fixed]),
				);
			});
			candidates.set(key, list);
		}
		return list;
	};
	return async function refuseStructuredValues(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Which fields show is decided on the stored values (resource and operation take no
		// expressions); only the fields shown are resolved and checked.
		const raw = this.getNode().parameters as IDataObject;
		for (const property of candidatesFor(raw)) {
			if (!(property.name in raw) || !isShown(property, raw, raw)) continue;
			const refusal = refusalOf(
				property,
				this.getNodeParameter(property.name, undefined) as NodeParameterValueType,
			);
			if (refusal === undefined) continue;
			const shown = JSON.stringify(refusal.value) ?? '';
			throw inputError(
				this.getNode(),
				`${refusal.field} must be ${refusal.wanted}, but the expression gave ` +
					`${describeType(refusal.value)}`,
				{
					itemIndex: this.getItemIndex(),
					description:
						`Received ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}. ` +
						'Map one field of it instead, e.g. {{ $json.email }} rather than {{ $json }}. ' +
						'Nothing was sent to Cloze.',
				},
			);
		}
		return requestOptions;
	};
}
