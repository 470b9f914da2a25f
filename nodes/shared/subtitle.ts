import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return ((property.options ?? []) as INodePropertyOptions[]).filter((o) => o.value !== undefined);
}

/**
 * An n8n subtitle expression that shows a table's entry for the key an expression computes, or
 * the raw key when the table has none. The table is written with line breaks so that no `}}`
 * ends the expression early.
 */
function lookup(table: Record<string, string>, key: string): string {
	return `={{ ${JSON.stringify(table, null, 1)}[${key}] || ${key} }}`;
}

/**
 * Subtitle of a resource/operation node: "<operation name> · <resource name>", e.g.
 * "Create To-Do · Timeline", from the Operation options each resource shows (their own `name`s).
 */
export function optionsSubtitle(resource: INodeProperties, properties: INodeProperties[]): string {
	const table: Record<string, string> = {};
	for (const r of optionsOf(resource)) {
		for (const property of properties) {
			if (property.name !== 'operation') continue;
			const shownFor = property.displayOptions?.show?.resource as unknown[] | undefined;
			if (shownFor && !shownFor.includes(r.value)) continue;
			for (const op of optionsOf(property))
				table[`${r.value}:${op.value}`] = `${op.name} · ${r.name}`;
		}
	}
	return lookup(table, '$parameter["resource"] + ":" + $parameter["operation"]');
}

/** Subtitle of a trigger: the chosen option's name, e.g. "Person Changed". */
export function optionSubtitle(property: INodeProperties): string {
	const table: Record<string, string> = {};
	for (const o of optionsOf(property)) table[String(o.value)] = o.name;
	return lookup(table, `$parameter["${property.name}"]`);
}
