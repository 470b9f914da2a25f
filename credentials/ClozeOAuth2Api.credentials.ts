import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { apiUrlProperty } from '../nodes/shared/apiUrl';

/** Every scope that the Cloze API reference names. */
const SCOPES = 'basic read_relation change_relation read_content change_content analytics';

export class ClozeOAuth2Api implements ICredentialType {
	name = 'clozeOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Cloze OAuth2 API';

	icon: Icon = { light: 'file:../icons/cloze.svg', dark: 'file:../icons/cloze.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-cloze/n8n-nodes-cloze/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://www.cloze.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://www.cloze.com/oauth/token',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: SCOPES,
			description:
				'Space-separated OAuth scopes. The default asks for every scope the Cloze API ' +
				'uses; remove those your workflows do not need.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		apiUrlProperty,
	];
}
