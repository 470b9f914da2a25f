import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The Cloze node as an AI tool (`usableAsTool`: n8n offers it as "Cloze Tool", type `clozeTool`).
 *
 * n8n builds a tool's description, the text a language model chooses tools by, from the chosen
 * operation's `action` alone ("Create a to-do in Cloze") unless the node has a `toolDescription`
 * parameter. So the node has one, shown only on the tool (`@tool`), for each operation, its
 * default written from the operation's own texts plus what the tool returns ({@link RETURNS}).
 * A user can still edit it; the operation files need no change.
 */

/** What a tool returns, by `<resource>.<operation>` (relation operations by operation alone). */
const RETURNS: Record<string, string> = {
	'relation.getAll':
		'Returns one compact record per {noun}: direct (the Cloze ID), name, emails, phones, ' +
		'segment, stage (lead = Lead, future = Potential, current = Active, past = Inactive, ' +
		'out = Lost), step, assignee and custom fields; an empty list when nothing matches',
	'relation.get':
		'Returns the {noun} as a compact record: direct (the Cloze ID), name, emails, phones, ' +
		'segment, stage (lead = Lead, future = Potential, current = Active, past = Inactive, ' +
		'out = Lost), step, assignee and custom fields; an error when Cloze has no such {noun}',
	'relation.getChanges':
		'Returns the changed {nounPlural} as compact records, oldest change first, and a ' +
		'cursor: pass it next time to get only later changes',
	'relation.create': 'Returns the identifier (uniqueid) Cloze created or found the {noun} by',
	'relation.update': 'Returns the identifier (uniqueid) of the updated {noun}',
	'relation.delete': 'Returns { deleted: true } and the identifier of the deleted {noun}',
	'timeline.createCommunication':
		'Returns what was logged: created, the communication type, subject, date and people',
	'timeline.createContent':
		'Returns what was added: created, the content type, subject, date and people',
	'timeline.createTodo':
		'Returns the to-do as created: created, subject, when (due) and participants',
};

const NOUNS: Record<string, [string, string]> = {
	person: ['person', 'people'],
	company: ['company', 'companies'],
	project: ['project', 'projects'],
};

function sentence(text: string): string {
	const t = text.trim();
	return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The text a model reads for one operation of one resource. */
export function toolDescriptionText(resource: string, operation: INodePropertyOptions): string {
	const nouns = NOUNS[resource];
	const key = nouns ? `relation.${operation.value}` : `${resource}.${operation.value}`;
	const returns = (RETURNS[key] ?? "Returns Cloze's answer as JSON")
		.replace(/\{noun\}/g, nouns?.[0] ?? '')
		.replace(/\{nounPlural\}/g, nouns?.[1] ?? '');
	const what = operation.description ?? `${operation.action ?? operation.name} in Cloze`;
	return `Cloze CRM: ${sentence(what)} ${sentence(returns)}`;
}

/** One `toolDescription` parameter per operation of every resource, shown only on the tool. */
export function toolDescriptionProperties(
	resourceProperties: INodeProperties[],
): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const property of resourceProperties) {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !Array.isArray(resources) || resources.length !== 1)
			continue;
		const resource = String(resources[0]);
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			out.push({
				displayName: 'Tool Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 3 },
				default: toolDescriptionText(resource, option),
				description:
					'What the AI model reads to choose this tool: when to use it and what it ' +
					'returns. The default is written for the chosen operation.',
				displayOptions: {
					show: { '@tool': [true], resource: [resource], operation: [option.value] },
				},
			});
		}
	}
	return out;
}
