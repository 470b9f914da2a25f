import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's parameters with alike definitions, and collections several operations share, made one.
 *
 * The operation files each define their own fields, so a field several operations share (Return
 * All, Limit, Scope, Simplify, Additional Fields, Options…) is defined once per operation: 249
 * definitions of 50 names. n8n's declarative engine walks every definition twice for every input
 * item and resolves the item's value of each one whose name the node holds, shown or not: an
 * expression mapped into Additional Fields ran 15 times an item, once for each of the 7 definitions
 * in each walk and once in the node's hooks. n8n walks the definitions again to check the
 * parameters of every run. So definitions that are the same in everything but the resources and
 * operations they show for become one definition that shows for all of them, and collections that
 * differ only in their options become one collection whose options show for the forms they came
 * from (`/resource`, `/operation`), when nothing changes for the user:
 *
 * - the union of their resources and operations adds no operation a resource has (a resource's
 *   `operation` options are its operations), for the definitions and for the options;
 * - every form keeps its order: the definitions (and a collection's options) are ordered so that
 *   what shows on one form comes in the order the operation files give it.
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
	// What may show on each form, in order (by resource and operation alone: a definition without
	// them shows on every form).
	const sequences = forms.map(([resource, operation]) =>
		properties.flatMap((property, index) =>
			mayShowOn(property, resource, operation) ? [index] : [],
		),
	);
	// Join every alike definition; while some order of two forms cannot be kept, the smallest group
	// of a conflict lets go of its last member, and the rest is joined again.
	const refused = new Set<number>();
	for (;;) {
		const groups = joinAll(properties, keys, refused, operationsOf);
		const order = keepingOrder(groups, sequences);
		if (Array.isArray(order))
			return order.map((group) =>
				combined(
					group.map((member) => properties[member]),
					operationsOf,
				),
			);
		const smallest = order.conflict
			.filter((group) => group.length > 1)
			.reduce((a, b) => (b.length < a.length ? b : a));
		refused.add(smallest[smallest.length - 1]);
	}
}

/** The definitions in groups of alike ones (by `keys`), but for those `refused` a place in one. */
function joinAll(
	properties: INodeProperties[],
	keys: Array<string | undefined>,
	refused: Set<number>,
	operationsOf: Map<string, Set<string>>,
): number[][] {
	const groups: number[][] = [];
	const groupsOf = new Map<string, number[][]>();
	properties.forEach((property, index) => {
		const key = keys[index];
		const group =
			key === undefined || refused.has(index)
				? undefined
				: groupsOf.get(key)?.find((candidate) =>
						addsNoForm(
							[...candidate, index].map((member) => formsOf(properties[member])!),
							operationsOf,
						),
					);
		if (group) group.push(index);
		else {
			const own = [index];
			groups.push(own);
			if (key !== undefined) groupsOf.set(key, [...(groupsOf.get(key) ?? []), own]);
		}
	});
	return groups;
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

/** A collection whose options can say where they show (none says it already). */
function isJoinableCollection(property: INodeProperties): boolean {
	return (
		property.type === 'collection' &&
		Object.keys(property.displayOptions?.show ?? {}).every(
			(name) => name === 'resource' || name === 'operation',
		) &&
		!property.displayOptions?.hide &&
		((property.options ?? []) as INodeProperties[]).every(
			(option) =>
				!option.displayOptions?.show?.['/resource'] && !option.displayOptions?.show?.['/operation'],
		)
	);
}

/**
 * What a definition is apart from the resources and operations it shows for (and, for a
 * collection, its options); undefined for a definition that does not name both.
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
	const shape = isJoinableCollection(property) ? { ...rest, options: 'each its own' } : rest;
	return JSON.stringify([shape, show, displayOptions?.hide], (_key, value) => identity(value));
}

/**
 * Whether showing definitions with these forms as one adds no operation of a resource to where
 * they show: one definition names resources and operations, and shows on each pair that exists.
 */
function addsNoForm(all: Forms[], operationsOf: Map<string, Set<string>>): boolean {
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
 * The groups (of indexes) in an order that keeps every sequence's order, nearest to the order of
 * their first members; when no order keeps them all, the groups of one conflict (a cycle).
 */
function keepingOrder(
	groups: number[][],
	sequences: number[][],
): number[][] | { conflict: number[][] } {
	const groupOf = new Map<number, number>();
	groups.forEach((group, at) => group.forEach((member) => groupOf.set(member, at)));
	const after = groups.map(() => new Set<number>());
	const before = groups.map(() => 0);
	for (const sequence of sequences) {
		let previous: number | undefined;
		for (const index of sequence) {
			const group = groupOf.get(index)!;
			if (previous !== undefined && previous !== group && !after[previous].has(group)) {
				after[previous].add(group);
				before[group]++;
			}
			previous = group;
		}
	}
	// Groups are numbered in the order of their first members: take the lowest that is ready.
	const ready = groups.map((_, at) => at).filter((at) => before[at] === 0);
	const order: number[][] = [];
	while (ready.length) {
		ready.sort((a, b) => a - b);
		const next = ready.shift()!;
		order.push(groups[next]);
		for (const group of after[next]) if (--before[group] === 0) ready.push(group);
	}
	if (order.length === groups.length) return order;
	// Every group left waits for another left: walking back from one comes round to a cycle.
	const left = (at: number) => before[at] > 0;
	const waitsFor = (at: number) => groups.findIndex((_, from) => left(from) && after[from].has(at));
	const path: number[] = [];
	let at = groups.findIndex((_, index) => left(index));
	while (!path.includes(at)) {
		path.push(at);
		at = waitsFor(at);
	}
	return { conflict: path.slice(path.indexOf(at)).map((index) => groups[index]) };
}

/** One definition showing on all the members' forms (a collection: with all their options). */
function combined(
	members: INodeProperties[],
	operationsOf: Map<string, Set<string>>,
): INodeProperties {
	if (members.length === 1) return members[0];
	const all = members.map((member) => formsOf(member)!);
	const one: INodeProperties = {
		...members[0],
		displayOptions: {
			...members[0].displayOptions,
			show: {
				...members[0].displayOptions!.show,
				resource: unique(all.flatMap((forms) => forms.resources)),
				operation: unique(all.flatMap((forms) => forms.operations)),
			},
		},
	};
	return isJoinableCollection(one)
		? { ...one, options: collectionOptions(members, operationsOf) }
		: one;
}

/**
 * The options of collections joined into one: identical options once (unless that would change
 * a collection's order), each shown on the forms of the collections it came from, in an order
 * that keeps each collection's own.
 */
function collectionOptions(
	members: INodeProperties[],
	operationsOf: Map<string, Set<string>>,
	joinIdentical = true,
): INodeProperties[] {
	const identity = functionIdentity();
	const options: Array<{ option: INodeProperties; key: string; forms: Forms[] }> = [];
	const sequences = members.map((member, index) => {
		const forms = formsOf(member)!;
		return ((member.options ?? []) as INodeProperties[]).map((option) => {
			const key = JSON.stringify([joinIdentical || index, option], (_key, value) =>
				identity(value),
			);
			let at = options.findIndex(
				(known) => known.key === key && addsNoForm([...known.forms, forms], operationsOf),
			);
			if (at === -1) at = options.push({ option, key, forms: [] }) - 1;
			options[at].forms.push(forms);
			return at;
		});
	});
	const order = keepingOrder(
		options.map((_, at) => [at]),
		sequences,
	);
	// Options kept apart share no place in two collections: their order always exists.
	if (!Array.isArray(order)) return collectionOptions(members, operationsOf, false);
	return order.map(([at]) => {
		const { option, forms } = options[at];
		return {
			...option,
			displayOptions: {
				...option.displayOptions,
				show: {
					...option.displayOptions?.show,
					'/resource': unique(forms.flatMap((one) => one.resources)),
					'/operation': unique(forms.flatMap((one) => one.operations)),
				},
			},
		};
	});
}

function unique(values: string[]): string[] {
	return [...new Set(values)];
}
