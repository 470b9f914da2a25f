import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's parameters with each set of identical definitions made one.
 *
 * The operation files each define their own fields, so a field several operations share (Return
 * All, Limit, Scope, Simplify, Options…) is defined once per operation: 249 definitions of 50
 * names. n8n's declarative engine walks every definition twice for every input item, and n8n
 * walks them again to check the parameters of every run; the walk is most of what an item costs
 * before its request (bench/RESULTS.md, "where the time goes"). So definitions that are the same
 * in everything but the resources and operations they show for become one definition that shows
 * for all of them, when nothing changes for the user:
 *
 * - the union of their resources and operations adds no operation a resource has (a resource's
 *   `operation` options are its operations);
 * - every form keeps its order: no definition between the first of them and a later one can show
 *   on the later one's forms.
 *
 * Definitions are compared as values, their functions (hooks, paginators) by identity.
 */
export function mergeIdenticalDefinitions(properties: INodeProperties[]): INodeProperties[] {
	const operationsOf = resourceOperations(properties);
	const forms = [...operationsOf].flatMap(([resource, operations]) =>
		[...operations].map((operation) => [resource, operation] as const),
	);
	const identity = functionIdentity();
	const keys = properties.map((property) => identicalKey(property, identity));
	const joinAll = (joinable: (groups: number[][], index: number) => boolean) => {
		const groups: number[][] = [];
		const groupOf = new Map<string, number[][]>();
		properties.forEach((property, index) => {
			const key = keys[index];
			const group =
				key === undefined
					? undefined
					: groupOf.get(key)?.find((candidate) =>
							unionAddsNoForm(
								candidate.map((member) => properties[member]),
								property,
								operationsOf,
							),
						);
			if (group) {
				group.push(index);
				if (joinable(groups, index)) return;
				group.pop();
			}
			const own = [index];
			groups.push(own);
			if (key !== undefined) groupOf.set(key, [...(groupOf.get(key) ?? []), own]);
		});
		return groups;
	};
	// Every join at once; should a form's order then be impossible to keep, join one at a time.
	let groups = joinAll(() => true);
	let order = formOrder(properties, groups, forms);
	if (!order) {
		const rest = (index: number) => properties.slice(index + 1).map((_, at) => [index + 1 + at]);
		groups = joinAll(
			(current, index) => formOrder(properties, [...current, ...rest(index)], forms) !== undefined,
		);
		order = formOrder(properties, groups, forms)!;
	}
	return order.map((group) => group.map((member) => properties[member]).reduce(joined));
}

/** The forms a definition shows on: its resources and operations. */
interface Forms {
	resources: string[];
	operations: string[];
}

/** The resources and operations a definition's `show` names, when it names both as lists. */
function formsOf(property: INodeProperties): Forms | undefined {
	const show = property.displayOptions?.show;
	const resources = show?.resource;
	const operations = show?.operation;
	if (!Array.isArray(resources) || !Array.isArray(operations)) return undefined;
	if (![...resources, ...operations].every((value) => typeof value === 'string')) return undefined;
	return { resources: resources as string[], operations: operations as string[] };
}

/** Each resource's operations, from the `operation` parameter shown for it alone. */
function resourceOperations(properties: INodeProperties[]): Map<string, Set<string>> {
	const operationsOf = new Map<string, Set<string>>();
	for (const property of properties) {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !Array.isArray(resources)) continue;
		for (const resource of resources) {
			const operations = operationsOf.get(String(resource)) ?? new Set<string>();
			for (const option of (property.options ?? []) as INodePropertyOptions[])
				operations.add(String(option.value));
			operationsOf.set(String(resource), operations);
		}
	}
	return operationsOf;
}

/** Gives each function met a number of its own, so that two definitions compare by identity. */
function functionIdentity(): (value: unknown) => unknown {
	const numbers = new Map<unknown, number>();
	return (value) => {
		if (typeof value !== 'function') return value;
		if (!numbers.has(value)) numbers.set(value, numbers.size);
		return `function #${numbers.get(value)}`;
	};
}

/**
 * What a definition is apart from the resources and operations it shows for; undefined for a
 * definition that does not name both.
 */
function identicalKey(
	property: INodeProperties,
	identity: (value: unknown) => unknown,
): string | undefined {
	if (!formsOf(property)) return undefined;
	const { displayOptions, ...rest } = property;
	const show = { ...displayOptions?.show };
	delete show.resource;
	delete show.operation;
	return JSON.stringify([rest, show, displayOptions?.hide], (_key, value) => identity(value));
}

/**
 * Whether showing `members` and `property` as one adds no operation of a resource to where they
 * show: a definition names resources and operations, and shows on each pair of them that exists.
 */
function unionAddsNoForm(
	members: INodeProperties[],
	property: INodeProperties,
	operationsOf: Map<string, Set<string>>,
): boolean {
	const all = [...members, property].map((member) => formsOf(member)!);
	const resources = new Set(all.flatMap((forms) => forms.resources));
	const operations = new Set(all.flatMap((forms) => forms.operations));
	for (const resource of resources)
		for (const operation of operationsOf.get(resource) ?? [])
			if (operations.has(operation) && !all.some((forms) => shows(forms, resource, operation)))
				return false;
	return true;
}

function shows(forms: Forms, resource: string, operation: string): boolean {
	return forms.resources.includes(resource) && forms.operations.includes(operation);
}

/**
 * Whether a definition can show on the form of `resource` and `operation`, by those two alone (a
 * definition without them shows on every form).
 */
function mayShowOn(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	const resources = show?.resource;
	const operations = show?.operation;
	return (
		(!Array.isArray(resources) || resources.includes(resource)) &&
		(!Array.isArray(operations) || operations.includes(operation))
	);
}

/**
 * The groups in an order that keeps the order of every form (each form lists what may show on it
 * in the order of `properties`), nearest to the order of their first definitions; undefined when
 * no order keeps them all.
 */
function formOrder(
	properties: INodeProperties[],
	groups: number[][],
	forms: ReadonlyArray<readonly [string, string]>,
): number[][] | undefined {
	const groupOf = new Map<number, number>();
	groups.forEach((group, at) => group.forEach((member) => groupOf.set(member, at)));
	const after = groups.map(() => new Set<number>());
	const before = groups.map(() => 0);
	for (const [resource, operation] of forms) {
		let previous: number | undefined;
		properties.forEach((property, index) => {
			if (!mayShowOn(property, resource, operation)) return;
			const group = groupOf.get(index)!;
			if (previous !== undefined && previous !== group && !after[previous].has(group)) {
				after[previous].add(group);
				before[group]++;
			}
			previous = group;
		});
	}
	// Groups are numbered in the order of their first definitions: take the lowest that is ready.
	const ready = groups.map((_, at) => at).filter((at) => before[at] === 0);
	const order: number[][] = [];
	while (ready.length) {
		ready.sort((a, b) => a - b);
		const next = ready.shift()!;
		order.push(groups[next]);
		for (const group of after[next]) if (--before[group] === 0) ready.push(group);
	}
	return order.length === groups.length ? order : undefined;
}

/** One definition showing on both definitions' forms. */
function joined(first: INodeProperties, added: INodeProperties): INodeProperties {
	const a = formsOf(first)!;
	const b = formsOf(added)!;
	return {
		...first,
		displayOptions: {
			...first.displayOptions,
			show: {
				...first.displayOptions!.show,
				resource: [...new Set([...a.resources, ...b.resources])],
				operation: [...new Set([...a.operations, ...b.operations])],
			},
		},
	};
}
