/**
 * Error texts with OAuth2: through OAuth2, n8n throws on an HTTP error before any postReceive
 * hook; the node's driver catches those errors and passes them through the one error check, so
 * 401/403/404/429/5xx and HTTP 200 + errorcode give exactly the texts of the API key path
 * (Cloze's message quoted, what to do), with no token in them, while n8n still refreshes the
 * token on a 401.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, oAuth2Credentials, runNode } from '../helpers/engine';
import { PROFILE_BODY, useHostile, type Answer } from './servers';

const api = useHostile();

const KEY = 'shapes-api-key-1f9d';
const OLD_TOKEN = 'shapes-old-token-77aa';
const NEW_TOKEN = 'shapes-new-token-31bc';

const oAuth2 = () => {
	const credentials = oAuth2Credentials(api.url, OLD_TOKEN);
	(credentials.clozeOAuth2Api.oauthTokenData as IDataObject).refresh_token =
		'shapes-refresh-token-0e42';
	return credentials;
};

/** The token endpoint hands out NEW_TOKEN; every API request gets `answer`. */
function serve(answer: Answer): void {
	api.handle((request) =>
		request.path === '/oauth/token'
			? {
					body: {
						access_token: NEW_TOKEN,
						token_type: 'Bearer',
						refresh_token: 'shapes-refresh-token-0e42',
						expires_in: 3600,
					},
				}
			: answer,
	);
}

const profile = { resource: 'account', operation: 'getProfile' };

async function bothCredentials() {
	const apiKey = await runNode({
		parameters: profile,
		credentials: apiKeyCredentials(api.url, KEY),
	});
	const viaOAuth2 = await runNode({
		parameters: { ...profile, authentication: 'oAuth2' },
		credentials: oAuth2(),
	});
	return { apiKey, viaOAuth2 };
}

describe.each([
	[
		'401',
		{ status: 401, body: { message: 'Invalid token: access token is invalid' } },
		'Cloze did not accept the credentials (HTTP 401)',
		'Cloze said: "Invalid token: access token is invalid"',
	],
	[
		'403',
		{ status: 403, body: { errorcode: 403, message: 'Scope missing' } },
		'Cloze refused access (HTTP 403)',
		'Cloze said: "Scope missing"',
	],
	[
		'404',
		{ status: 404, body: { errorcode: 404, message: 'Resource Not Found' } },
		'Cloze does not know this address (HTTP 404)',
		'API URL',
	],
	[
		'429 + Retry-After 120',
		{
			status: 429,
			headers: { 'Retry-After': '120' },
			body: { errorcode: 429, message: 'Rate limit exceeded' },
		},
		'Cloze is rate limiting requests (HTTP 429)',
		'Cloze asked to wait 120 s (2 min). That is longer than the node waits (60 s): try ' +
			'again after that time. The Cloze node already paces its requests and waits as long as ' +
			"Cloze asks (up to 60 s). To send fewer at once, lower 'Max Requests in Flight'",
	],
	[
		'502',
		{ status: 502, body: { errorcode: 502, message: 'Bad Gateway' } },
		'Cloze had a server error (HTTP 502)',
		"'Retry On Fail'",
	],
	[
		'200 + errorcode',
		{ status: 200, body: { errorcode: 7, message: 'Account suspended' } },
		'Cloze error 7: Account suspended',
		'Cloze answered HTTP 200 but reported error code 7.',
	],
] as const)('%s', (_shape, answer, message, hint) => {
	it('OAuth2 gives the API key path’s message and description, without a token', async () => {
		serve(answer as Answer);
		const { apiKey, viaOAuth2 } = await bothCredentials();
		expect(apiKey.error?.message).toBe(message);
		expect(apiKey.error?.description).toContain(hint);
		expect(viaOAuth2.error?.message).toBe(message);
		expect(viaOAuth2.error?.description).toBe(apiKey.error?.description);
		expect(viaOAuth2.error?.httpCode).toBe(apiKey.error?.httpCode);
		const run = JSON.stringify(viaOAuth2.run);
		expect(run).not.toContain(OLD_TOKEN);
		expect(run).not.toContain(NEW_TOKEN);
	}, 30_000);
});

describe('401 through OAuth2', () => {
	it('n8n still refreshes the token and the request succeeds with the new one', async () => {
		api.handle((request) => {
			if (request.path === '/oauth/token') {
				return {
					body: {
						access_token: NEW_TOKEN,
						token_type: 'Bearer',
						refresh_token: 'r2',
						expires_in: 3600,
					},
				};
			}
			return request.headers.authorization === `Bearer ${NEW_TOKEN}`
				? { body: PROFILE_BODY }
				: { status: 401, body: { message: 'Invalid token: access token is invalid' } };
		});
		const result = await runNode({
			parameters: { ...profile, authentication: 'oAuth2' },
			credentials: oAuth2(),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE_BODY.user]);
		expect(
			api.requests.map((request) => [request.path, request.headers.authorization ?? '']),
		).toEqual([
			['/v1/user/profile', `Bearer ${OLD_TOKEN}`],
			['/oauth/token', expect.any(String)],
			['/v1/user/profile', `Bearer ${NEW_TOKEN}`],
		]);
	});

	it('with continueOnFail, error items in input order carry the same texts', async () => {
		api.handle((request) => {
			if (request.path === '/oauth/token')
				return { body: { access_token: NEW_TOKEN, token_type: 'Bearer', expires_in: 3600 } };
			return { status: 403, body: { errorcode: 403, message: 'Scope missing' } };
		});
		const result = await runNode({
			parameters: { ...profile, authentication: 'oAuth2' },
			credentials: oAuth2(),
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
			continueOnFail: true,
		});
		expect(result.items.map((item) => item.json.error)).toEqual(
			Array(3).fill('Cloze refused access (HTTP 403)'),
		);
	});
});
