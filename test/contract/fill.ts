/**
 * Fills a node's form from its own description, as a user who sets every field would: every
 * displayed optional field, collections with all their options, fixedCollections with every value,
 * options with a valid value (for loadOptions fields, a real value loaded through n8n-core's
 * LoadOptionsContext from the seeded simulator), booleans true, numbers, dates and plausible
 * strings (an e-mail where the name says email). A loadOptions field whose list is empty stays
 * unset (nothing to pick; the gap is reported). `cases()` gives one form per value of every field
 * that changes which fields are visible (identifier modes, scopes, input modes…) and per mode of
 * every resource locator.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeProperties } from 'n8n-workflow';

import { loadOptions } from '../helpers/engine';

type Values = Record<string, unknown>;

/** The value a field currently has: set, or its default (of the first displayed definition). */
function current(name: string, values: Values, properties: INodeProperties[]): unknown {
	if (name in values) return values[name];
	const property = properties.find((p) => p.name === name && displayed(p, values, properties));
	return property?.default;
}

function matches(wanted: unknown[], value: unknown): boolean {
	return wanted.some((w) => w === value);
}

/** n8n's displayOptions rule (show: every key matches; hide: no key matches). */
export function displayed(
	property: INodeProperties,
	values: Values,
	properties: INodeProperties[],
): boolean {
	if (property.type === 'notice' || property.type === 'hidden') return false;
	const { show, hide } = property.displayOptions ?? {};
	// A field shown by its own value (a switch of an earlier version, shown only while on) reads
	// its value or its own default.
	// A key from the root (`/resource`) reads the node's own value (collection options).
	const valueOf = (key: string) =>
		key.startsWith('/')
			? values[key.slice(1)]
			: key === property.name
				? key in values
					? values[key]
					: property.default
				: current(key, values, properties);
	for (const [key, wanted] of Object.entries(show ?? {})) {
		if (key.startsWith('@')) continue;
		if (!matches(wanted as unknown[], valueOf(key))) return false;
	}
	for (const [key, wanted] of Object.entries(hide ?? {})) {
		if (key.startsWith('@')) continue;
		if (matches(wanted as unknown[], valueOf(key))) return false;
	}
	return true;
}

export interface FillContext {
	type: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Values for names that need real data (records, URLs…). */
	named: Record<string, unknown>;
	/** Things the filler could not fill with a real value (reported by the test). */
	gaps: string[];
	/** A value for a field that depends on its siblings (a custom field's value by its type…). */
	special?: (name: string, where: string, siblings: Values) => unknown;
}

const ISO = '2025-03-14T10:30:00.000Z';

/** Plausible strings by field name (and, for `value`, by the list it is in). */
function stringFor(name: string, ctx: FillContext, where = ''): string {
	if (name in ctx.named) return String(ctx.named[name]);
	const n = name.toLowerCase();
	if (n === 'value') {
		const w = where.toLowerCase();
		if (w.includes('email') || w.includes('recipient') || w.includes('reference'))
			return 'ada@example.com';
		if (w.includes('phone') || w.includes('fax')) return '+1 650 555 0100';
		if (w.includes('url') || w.includes('link')) return 'https://example.com/page';
		if (w.includes('social')) return 'adalovelace';
	}
	if (n.includes('email') || n === 'assignee' || n === 'assigner' || n === 'collaborator')
		return 'ada@example.com';
	if (n === 'participants') return 'ada@example.com, bob@example.com';
	if (n.includes('phone') || n === 'from') return '+1 650 555 0100';
	if (n.includes('domain')) return 'example.com';
	if (n === 'source') return 'example.org';
	if (n.includes('url') || n === 'picture' || n === 'address') return 'https://example.com/page';
	if (n === 'date' || n === 'when' || n === 'due' || n.endsWith('date') || n === 'modifiedafter')
		return ISO;
	if (n.includes('keyword') || n === 'usertags' || n === 'tag') return 'advisor, vip';
	if (n === 'hierarchypath') return '/US/West';
	if (n === 'nodebyparts') return 'US, West';
	if (['twitter', 'facebook', 'linkedin', 'sockethandle', 'socialhandle'].includes(n))
		return 'adalovelace';
	if (n === 'first') return 'Ada';
	if (n === 'last') return 'Lovelace';
	if (n === 'name') return 'Ada Lovelace';
	if (n === 'custommeasures') return '#calls';
	if (n === 'always') return 'in-period';
	if (n === 'uniqueid') return 'contract-note-1';
	if (n === 'before') return 'lead';
	if (n === 'after') return 'current';
	return `${name} value`;
}

function numberFor(name: string): number {
	const n = name.toLowerCase();
	if (n === 'limit') return 5;
	if (n === 'max') return 3;
	if (n === 'ttl') return 3600;
	if (n === 'wait') return 1000;
	if (n === 'relative') return -1;
	if (n === 'value') return 15000;
	if (n === 'latitude') return 42.36;
	if (n === 'longitude') return -71.06;
	return 12;
}

async function loaded(
	method: string,
	values: Values,
	ctx: FillContext,
	where: string,
): Promise<Array<{ name: string; value: unknown }>> {
	try {
		const options = (await loadOptions(
			'loadOptions',
			method,
			values as IDataObject,
			ctx.credentials,
			[],
			ctx.type,
		)) as Array<{
			name: string;
			value: unknown;
		}>;
		const real = options.filter((o) => o.value !== '' && o.value !== undefined);
		if (real.length === 0) ctx.gaps.push(`${where}: ${method} listed nothing`);
		return real;
	} catch (error) {
		ctx.gaps.push(`${where}: ${method} failed: ${(error as Error).message}`);
		return [];
	}
}

/** The value of one field (root: the top-level values, for loadOptions and displayOptions). */
async function valueFor(
	property: INodeProperties,
	root: Values,
	ctx: FillContext,
	where: string,
): Promise<unknown> {
	const method = property.typeOptions?.loadOptionsMethod as string | undefined;
	const special = ctx.special?.(property.name, where, root);
	if (special !== undefined) return special;
	switch (property.type) {
		case 'boolean':
			return true;
		case 'number':
			return numberFor(property.name);
		case 'dateTime':
			return ISO;
		case 'json':
			return property.name in ctx.named ? ctx.named[property.name] : '{}';
		case 'options': {
			if (property.name in ctx.named) return ctx.named[property.name];
			if (method) {
				// An empty list leaves nothing to pick: the field stays unset (reported as a gap).
				const options = await loaded(method, root, ctx, where);
				return options.length ? options[0].value : undefined;
			}
			const options = (property.options ?? []) as Array<{ value: unknown }>;
			return (options.find((o) => o.value !== '') ?? options[0])?.value;
		}
		case 'multiOptions': {
			if (method) {
				const options = await loaded(method, root, ctx, where);
				return options.slice(0, 2).map((o) => o.value);
			}
			return ((property.options ?? []) as Array<{ value: unknown }>)
				.slice(0, 2)
				.map((o) => o.value);
		}
		case 'collection': {
			const out: Values = {};
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (!displayed(option, { ...root, ...out }, property.options as INodeProperties[]))
					continue;
				const value = await valueFor(option, { ...root, ...out }, ctx, `${where}.${option.name}`);
				if (value !== undefined) out[option.name] = value;
			}
			return out;
		}
		case 'fixedCollection': {
			const out: Values = {};
			for (const group of (property.options ?? []) as Array<{
				name: string;
				values: INodeProperties[];
			}>) {
				const entry: Values = {};
				for (const field of group.values) {
					if (!displayed(field, { ...root, ...entry }, group.values)) continue;
					const value = await valueFor(
						field,
						{ ...root, ...entry },
						ctx,
						`${where}.${group.name}.${field.name}`,
					);
					if (value !== undefined) entry[field.name] = value;
				}
				out[group.name] = property.typeOptions?.multipleValues ? [entry] : entry;
			}
			return out;
		}
		case 'resourceLocator':
			return ctx.named[property.name] ?? { __rl: true, mode: 'id', value: 'unknown' };
		default:
			return stringFor(property.name, ctx, where);
	}
}

/** Every displayed field filled, in the description's order; `preset` values are kept. */
export async function fill(
	properties: INodeProperties[],
	preset: Values,
	ctx: FillContext,
): Promise<Values> {
	const values: Values = { ...preset };
	for (const property of properties) {
		if (property.name in values) continue;
		if (!displayed(property, values, properties)) continue;
		const value = await valueFor(property, values, ctx, property.name);
		if (value !== undefined) values[property.name] = value;
	}
	return values;
}

/**
 * The fields that change which fields are visible, for the form `preset` opens (displayed fields
 * whose name another displayed-for-this-form field's displayOptions refers to), with their values.
 */
export function switches(
	properties: INodeProperties[],
	preset: Values,
): Array<[string, unknown[]]> {
	const fixed = new Set(Object.keys(preset));
	const relevant = properties.filter((p) =>
		[...fixed].every((key) => {
			const wanted = p.displayOptions?.show?.[key];
			return wanted === undefined || (wanted as unknown[]).includes(preset[key]);
		}),
	);
	const referenced = new Set<string>();
	for (const p of relevant) {
		for (const key of [
			...Object.keys(p.displayOptions?.show ?? {}),
			...Object.keys(p.displayOptions?.hide ?? {}),
		]) {
			if (!fixed.has(key)) referenced.add(key);
		}
	}
	const out: Array<[string, unknown[]]> = [];
	for (const name of referenced) {
		const property = relevant.find((p) => p.name === name);
		if (!property) continue;
		if (property.type === 'boolean') out.push([name, [true, false]]);
		else if (property.type === 'options')
			out.push([name, ((property.options ?? []) as Array<{ value: unknown }>).map((o) => o.value)]);
	}
	return out;
}

/** One preset per value of every switch (the first preset: none set). */
export function cases(properties: INodeProperties[], preset: Values): Values[] {
	const out: Values[] = [{ ...preset }];
	for (const [name, values] of switches(properties, preset)) {
		for (const value of values) out.push({ ...preset, [name]: value });
	}
	return out;
}
