import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Both credential types, chosen by {@link authenticationProperty}; shared by every Cloze node. */
export const clozeCredentials: INodeCredentialDescription[] = [
	{
		name: 'clozeApi',
		required: true,
		displayOptions: { show: { authentication: ['apiKey'] } },
	},
	{
		name: 'clozeOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'API Key', value: 'apiKey' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiKey',
};
