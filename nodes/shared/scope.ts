import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The scope fields (Local / Team / Hierarchy with a path and "and below") used by Get Many, Get
 * Changes, the webhook subscription and both triggers, and {@link scopeValue} which turns them
 * into Cloze's `scope` value.
 */
export function scopeFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			displayOptions,
			options: [
				{ name: 'Local', value: 'local', description: "The user's own relations" },
				{ name: 'Team', value: 'team', description: "The team's relations (team users with export rights)" },
				{ name: 'Hierarchy', value: 'hierarchy', description: 'Relations at a position in the team hierarchy' },
			],
			default: 'local',
		},
		{
			displayName: 'Hierarchy Path',
			name: 'hierarchyPath',
			type: 'string',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, scope: ['hierarchy'] } },
			default: '',
			required: true,
			placeholder: 'e.g. /USA/West',
			description: 'Position in the team hierarchy, starting with "/"',
		},
		{
			displayName: 'Include Positions Below',
			name: 'hierarchyAndBelow',
			type: 'boolean',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, scope: ['hierarchy'] } },
			default: true,
			description: 'Whether to include relations at and below the path (adds "/*")',
		},
	];
}

/** Cloze's `scope` value: `local`, `team`, `hierarchy:/X/Y` or `hierarchy:/X/Y/*`. */
export function scopeValue(parameters: IDataObject): string {
	const scope = String(parameters.scope ?? 'local');
	if (scope !== 'hierarchy') return scope;
	const path = `/${String(parameters.hierarchyPath ?? '').trim().replace(/^\/+|\/+$/g, '')}`;
	if (parameters.hierarchyAndBelow === false) return `hierarchy:${path}`;
	return `hierarchy:${path === '/' ? '' : path}/*`;
}

/**
 * `preSend` of the operations that show {@link scopeFields} at the top level: sends Cloze's `scope`
 * query parameter, refusing a Hierarchy scope without a path.
 */
export async function sendScope(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const parameters: IDataObject = { scope: this.getNodeParameter('scope', 'local') };
	if (parameters.scope === 'hierarchy') {
		parameters.hierarchyPath = this.getNodeParameter('hierarchyPath', '');
		parameters.hierarchyAndBelow = this.getNodeParameter('hierarchyAndBelow', true);
		if (String(parameters.hierarchyPath ?? '').replace(/[\s/]/g, '') === '') {
			throw new NodeOperationError(this.getNode(), 'Hierarchy Path is required when Scope is Hierarchy', {
				description: 'Give a position in the team hierarchy, e.g. /USA/West.',
			});
		}
	}
	requestOptions.qs = { ...(requestOptions.qs ?? {}), scope: scopeValue(parameters) };
	return requestOptions;
}
