import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from './errors';

/** The Scope option that sends no scope at all, leaving Cloze's default. */
export const CLOZE_DEFAULT_SCOPE = 'default';

/**
 * The scope fields (Local / Team / Hierarchy with a path and "and below") used by Get Many, Get
 * Changes, the webhook subscription and both triggers, and {@link scopeValue} which turns them
 * into Cloze's `scope` value. With `clozeDefault`, Scope also offers sending none.
 */
export function scopeFields(
	displayOptions: IDisplayOptions,
	options: { clozeDefault?: boolean } = {},
): INodeProperties[] {
	return [
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			displayOptions,
			options: [
				...(options.clozeDefault
					? [
							{
								name: 'Cloze Default',
								value: CLOZE_DEFAULT_SCOPE,
								description: 'Send no scope: Cloze applies its default',
							},
						]
					: []),
				{ name: 'Local', value: 'local', description: "The user's own relations" },
				{
					name: 'Team',
					value: 'team',
					description: "The team's relations (team users with export rights)",
				},
				{
					name: 'Hierarchy',
					value: 'hierarchy',
					description: 'Relations at a position in the team hierarchy',
				},
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
			description: 'Position in the team hierarchy, starting with "/"; "/" is the whole hierarchy',
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
	const path = `/${String(parameters.hierarchyPath ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '')}`;
	if (parameters.hierarchyAndBelow === false) return `hierarchy:${path}`;
	return `hierarchy:${path === '/' ? '' : path}/*`;
}

/**
 * Whether a Hierarchy Path is missing: empty (a lone "/" is the whole hierarchy, `hierarchy:/*`).
 */
export function hierarchyPathMissing(path: unknown): boolean {
	return String(path ?? '').trim() === '';
}

/**
 * `preSend` of the operations that show {@link scopeFields} at the top level: sends Cloze's `scope`
 * query parameter (none for Cloze Default), refusing a Hierarchy scope without a path.
 */
export async function sendScope(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const parameters: IDataObject = { scope: this.getNodeParameter('scope', 'local') };
	if (parameters.scope === CLOZE_DEFAULT_SCOPE) return requestOptions;
	if (parameters.scope === 'hierarchy') {
		parameters.hierarchyPath = this.getNodeParameter('hierarchyPath', '');
		parameters.hierarchyAndBelow = this.getNodeParameter('hierarchyAndBelow', true);
		if (hierarchyPathMissing(parameters.hierarchyPath)) {
			throw inputError(this.getNode(), 'Hierarchy Path is required when Scope is Hierarchy', {
				description:
					'Give a position in the team hierarchy, e.g. /USA/West, or "/" for the whole hierarchy.',
			});
		}
	}
	requestOptions.qs = { ...(requestOptions.qs ?? {}), scope: scopeValue(parameters) };
	return requestOptions;
}
