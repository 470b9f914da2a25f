import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * API key credential. The key travels only in the `Authorization: Bearer` header, never in a URL.
 * It is tested by the nodes (`testedBy: 'clozeApiCredentialTest'`): that test fails on HTTP errors
 * and on an HTTP 200 whose body carries a non-zero `errorcode`, and shows Cloze's own message.
 */
export class ClozeApi implements ICredentialType {
	name = 'clozeApi';

	displayName = 'Cloze API';

	icon: Icon = { light: 'file:../icons/cloze.svg', dark: 'file:../icons/cloze.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-cloze/n8n-nodes-cloze#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@example.com',
			default: '',
			required: true,
			description: 'The e-mail address of the Cloze account that the API key belongs to',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Cloze under Settings → API Keys → Add',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://api.cloze.com',
			description: 'Base URL of the Cloze API. Change it only to point at a Cloze sandbox or test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
