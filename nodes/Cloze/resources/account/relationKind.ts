import type { INodeProperties } from 'n8n-workflow';

/**
 * People and companies share their segments and stages; projects have their own. The value names
 * Cloze's list (`people` / `projects`) and is read by the shared Segment and Stage dropdowns.
 */
export function relationKindField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Relation Kind',
		name: 'relationKind',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'], operation: [operation] } },
		options: [
			{ name: 'People and Companies', value: 'people' },
			{ name: 'Projects', value: 'projects' },
		],
		default: 'people',
		description,
	};
}
