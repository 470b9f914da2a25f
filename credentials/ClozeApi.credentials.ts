import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_BASE_URL, apiUrlProperty } from '../nodes/shared/apiUrl';

const CHECK_KEY = 'Check the API key (Cloze: Settings → API Keys) and the API URL.';

/**
 * API key credential. The key travels only in the `Authorization: Bearer` header, never in a URL.
 * The test asks for the profile and fails on any answer that is not a profile with an e-mail: an
 * HTTP error, an HTTP 200 whose body carries an `errorcode`, or one whose `user` is not an object
 * with an e-mail. n8n's test rules compare values and show a fixed message, so Cloze's documented
 * failures (a key not found, an invalid token) are quoted in their own rule and any other error
 * answer gets the last rule's message.
 */
export class ClozeApi implements ICredentialType {
	name = 'clozeApi';

	displayName = 'Cloze API';

	icon: Icon = { light: 'file:../icons/cloze.svg', dark: 'file:../icons/cloze.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-cloze/n8n-nodes-cloze/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Account Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@example.com',
			default: '',
			description:
				'Optional, for your reference only: the Cloze account the API key belongs to. The ' +
				'key alone identifies the account; the e-mail is never sent to Cloze (older Cloze ' +
				'clients passed it as "user").',
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
		apiUrlProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: API_BASE_URL,
			url: '/v1/user/profile',
			method: 'GET',
			headers: { Accept: 'application/json' },
			json: true,
			// Every answer, HTTP error or not, reaches the rules below.
			ignoreHttpStatusErrors: true,
			// A redirect is not followed: the key never goes to another host, and a redirect answer
			// (not the profile) fails the test by the last rule.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: 1,
					message: `Cloze said: "The API key was not found" (error 1). ${CHECK_KEY}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'Invalid token: access token is invalid',
					message: `Cloze said: "Invalid token: access token is invalid" (HTTP 401). ${CHECK_KEY}`,
				},
			},
			// Every Cloze answer carries `errorcode`: a redirect, an error page or any other body that
			// is not Cloze's fails here.
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: undefined,
					message:
						'Cloze answered with an error or a redirect instead of the account profile ' +
						'(redirects are not followed, so the key is never sent to another host). ' +
						`${CHECK_KEY}`,
				},
			},
			// The profile must be an object with an e-mail, under `profile` (Cloze's schema) or `user`
			// (its example): each rule compares one value, so each shape gets its own rules.
			// (`email.length` is 0 for an empty e-mail.)
			...['profile', 'user'].flatMap((root) =>
				[
					{ key: root, value: null },
					{ key: `${root}.email`, value: null },
					{ key: `${root}.email.length`, value: 0 },
				].map(({ key, value }) => ({
					type: 'responseSuccessBody' as const,
					properties: {
						key,
						value,
						message: `Cloze answered without the account's profile e-mail. ${CHECK_KEY}`,
					},
				})),
			),
		],
	};
}
