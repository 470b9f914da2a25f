/**
 * The node's definitions with alike ones, and the collections of several operations, made one
 * (nodes/Cloze/shared/merge.ts): every form (each resource and operation, and each choice of its
 * dropdowns and switches, on the node and on the tool) shows the same fields in the same order
 * with the same values as the definitions the operation files write, with far fewer definitions
 * for n8n's engine to walk per item.
 */
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CLOZE_RESOURCES, clozeDefinitions, Cloze } from '../../nodes/Cloze/Cloze.node';
import { mergeIdenticalDefinitions } from '../../nodes/Cloze/shared/merge';
import { formNode, shownOptions } from '../helpers/forms';

const written = clozeDefinitions(CLOZE_RESOURCES);
const merged = new Cloze().description.properties;

const node = formNode;

/**
 * A definition apart from where it shows, functions by identity; a collection with the options it
 * shows on the form (`values`), apart from the form they show on.
 */
function shape(
	property: INodeProperties,
	values: INodeParameters,
	description: INodeTypeDescription,
	functions: Map<unknown, number>,
): string {
	const rest: Partial<INodeProperties> = { ...property };
	delete rest.displayOptions;
	if (property.type === 'collection') rest.options = shownOptions(property, values, description);
	return JSON.stringify(rest, (_key, value: unknown) => {
		if (typeof value !== 'function') return value;
		if (!functions.has(value)) functions.set(value, functions.size);
		return `function #${functions.get(value)}`;
	});
}

/** What a form shows: its parameter values (defaults added) and its fields, in order. */
function form(properties: INodeProperties[], parameters: INodeParameters, tool: boolean) {
	const description = { name: tool ? 'clozeTool' : 'cloze' } as INodeTypeDescription;
	const values = NodeHelpers.getNodeParameters(
		properties,
		parameters,
		true,
		false,
		node,
		description,
	) as INodeParameters;
	const functions = new Map<unknown, number>();
	const fields = properties
		.filter((property) => NodeHelpers.displayParameter(values, property, node, description, values))
		.map((property) => shape(property, values, description, functions));
	return { values, fields };
}

/** Each resource's operations, from the written Operation dropdowns. */
function forms(): Array<[string, string]> {
	return written
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map(
				(option) =>
					[String(property.displayOptions!.show!.resource![0]), String(option.value)] as [
						string,
						string,
					],
			),
		);
}

/** The form's parameters, and each choice of each dropdown and switch it shows, in turn. */
function variants(resource: string, operation: string, tool: boolean): INodeParameters[] {
	const base: INodeParameters = { resource, operation };
	const shown = form(written, base, tool);
	const out: INodeParameters[] = [base];
	for (const property of written) {
		if (property.name === 'resource' || property.name === 'operation') continue;
		if (!(property.name in shown.values)) continue;
		if (property.type === 'boolean')
			out.push({ ...base, [property.name]: true }, { ...base, [property.name]: false });
		if (property.type === 'options')
			for (const option of (property.options ?? []) as INodePropertyOptions[])
				out.push({ ...base, [property.name]: option.value });
	}
	return out;
}

describe('identical definitions made one', () => {
	it('leaves far fewer definitions to walk, each parameter name kept', () => {
		expect(merged.length).toBeLessThan(written.length * 0.8);
		expect(new Set(merged.map((p) => p.name))).toEqual(new Set(written.map((p) => p.name)));
		const count = (name: string) => merged.filter((p) => p.name === name).length;
		expect(written.filter((p) => p.name === 'returnAll').length).toBeGreaterThan(10);
		expect(count('returnAll')).toBeLessThanOrEqual(3);
	});

	const cases = forms().flatMap(([resource, operation]) =>
		[false, true].map(
			(tool) =>
				[`${resource} > ${operation}${tool ? ' (tool)' : ''}`, resource, operation, tool] as const,
		),
	);

	it('covers every operation of every resource', () => {
		expect(cases.length).toBe(forms().length * 2);
		expect(forms().length).toBeGreaterThanOrEqual(40);
	});

	it.each(cases)(
		'%s: each choice of its dropdowns and switches shows the same fields in the same order',
		(_name, resource, operation, tool) => {
			const choices = variants(resource, operation, tool);
			expect(choices.length).toBeGreaterThan(0);
			for (const parameters of choices) {
				const before = form(written, parameters, tool);
				const after = form(merged, parameters, tool);
				expect({ parameters, ...after }).toEqual({ parameters, ...before });
				expect(after.fields.length).toBeGreaterThan(0);
			}
		},
	);
});

describe('mergeIdenticalDefinitions', () => {
	const operation = (resource: string, values: string[]): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		default: values[0],
		options: values.map((value) => ({ name: value, value })),
		displayOptions: { show: { resource: [resource] } },
	});
	const field = (name: string, resource: string, operations: string[]): INodeProperties => ({
		displayName: name,
		name,
		type: 'string',
		default: '',
		displayOptions: { show: { resource: [resource], operation: operations } },
	});
	const where = (properties: INodeProperties[]) =>
		properties.map((p) => `${p.name} ${JSON.stringify(p.displayOptions?.show ?? {})}`);

	it('joins identical fields of two resources after both Operation dropdowns', () => {
		const result = mergeIdenticalDefinitions([
			operation('a', ['x']),
			field('limit', 'a', ['x']),
			operation('b', ['x']),
			field('limit', 'b', ['x']),
		]);
		expect(where(result)).toEqual([
			'operation {"resource":["a"]}',
			'operation {"resource":["b"]}',
			'limit {"resource":["a","b"],"operation":["x"]}',
		]);
	});

	it('keeps apart what would show on an operation neither showed on', () => {
		const result = mergeIdenticalDefinitions([
			operation('a', ['x', 'y']),
			field('limit', 'a', ['x']),
			operation('b', ['x', 'y']),
			field('limit', 'b', ['y']),
		]);
		expect(result.filter((p) => p.name === 'limit')).toHaveLength(2);
	});

	it('keeps apart what differs in anything but where it shows', () => {
		const other = { ...field('limit', 'b', ['x']), description: 'Other' };
		const result = mergeIdenticalDefinitions([
			operation('a', ['x']),
			field('limit', 'a', ['x']),
			operation('b', ['x']),
			other,
		]);
		expect(result.filter((p) => p.name === 'limit')).toHaveLength(2);
	});

	it('joins only as far as every form keeps its order', () => {
		// Form a.x shows first then second; form b.x second then first: both joins cannot hold.
		const result = mergeIdenticalDefinitions([
			operation('a', ['x']),
			operation('b', ['x']),
			field('first', 'a', ['x']),
			field('second', 'a', ['x']),
			field('second', 'b', ['x']),
			field('first', 'b', ['x']),
		]);
		const order = (resource: string) =>
			result
				.filter((p) => p.name !== 'operation')
				.filter((p) => (p.displayOptions!.show!.resource as string[]).includes(resource))
				.map((p) => p.name);
		expect(order('a')).toEqual(['first', 'second']);
		expect(order('b')).toEqual(['second', 'first']);
		expect(result.length).toBe(5);
	});
});
