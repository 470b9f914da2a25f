/**
 * Issue 16.1: a redirect from the API URL to another origin never carries the credential. Routed
 * operations (both credentials), the package's own requests (option lists, triggers) and the
 * credential test: the other host receives nothing, the run fails naming it. A redirect that stays
 * on the API URL's origin is followed.
 */
import {
	apiKeyCredentials,
	loadOptions,
	oAuth2Credentials,
	runCredentialTest,
	runNode,
} from '../helpers/engine';
import { PROFILE_BODY, startHostile, type HostileServer } from './servers';

let api: HostileServer;
let elsewhere: HostileServer;

beforeAll(async () => {
	api = await startHostile();
	elsewhere = await startHostile(() => ({ status: 200, body: PROFILE_BODY }));
});
afterAll(async () => {
	await api.close();
	await elsewhere.close();
});
beforeEach(() => {
	api.requests.length = 0;
	elsewhere.requests.length = 0;
});

const profile = { resource: 'account', operation: 'getProfile' };
const KEY = 'hostile-redirect-key-5b1e';
const TOKEN = 'hostile-redirect-token-93c2';

describe.each([302, 307])('the API URL answers %i to another origin', (status) => {
	beforeEach(() =>
		api.handle((request) => ({
			status,
			headers: { Location: `${elsewhere.url}${request.url}` },
			body: '',
		})),
	);

	it(
		'a routed operation (API key): an error naming the other host; ' +
			'the other host receives nothing',
		async () => {
			const result = await runNode({
				parameters: profile,
				credentials: apiKeyCredentials(api.url, KEY),
			});
			expect(result.error?.message).toBe(
				`Cloze redirected the request to another host (${elsewhere.host}); the credential ` +
					'was not sent there',
			);
			expect(result.json).toEqual([]);
			expect(api.requests).toHaveLength(1);
			expect(elsewhere.requests).toEqual([]);
		},
	);

	it('a routed operation (OAuth2): the same error; the token goes nowhere else', async () => {
		const result = await runNode({
			parameters: { ...profile, authentication: 'oAuth2' },
			credentials: oAuth2Credentials(api.url, TOKEN),
		});
		expect(result.error?.message).toBe(
			`Cloze redirected the request to another host (${elsewhere.host}); the credential ` +
				'was not sent there',
		);
		expect(elsewhere.requests).toEqual([]);
	});

	it(
		'an option list (the package’s own transport): ' +
			'the same error; the other host receives nothing',
		async () => {
			await expect(
				loadOptions(
					'loadOptions',
					'getSegments',
					{ resource: 'person' },
					apiKeyCredentials(api.url, KEY),
				),
			).rejects.toThrow(`Cloze redirected the request to another host (${elsewhere.host})`);
			expect(elsewhere.requests).toEqual([]);
		},
	);

	it(
		'the credential test fails instead of reporting the other host’s profile; ' +
			'the key goes nowhere else',
		async () => {
			const result = await runCredentialTest({
				email: 'owner@example.com',
				apiKey: KEY,
				apiUrl: api.url,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain('redirect');
			expect(elsewhere.requests).toEqual([]);
		},
	);
});

describe('a redirect within the API URL’s origin', () => {
	it('is followed, with the credential, to the answer', async () => {
		api.handle((request) =>
			request.path === '/v1/user/profile'
				? { status: 307, headers: { Location: '/v1/user/profile-moved' }, body: '' }
				: { status: 200, body: PROFILE_BODY },
		);
		const result = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(api.url, KEY),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE_BODY.user]);
		expect(api.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
			['/v1/user/profile', `Bearer ${KEY}`],
			['/v1/user/profile-moved', `Bearer ${KEY}`],
		]);
	});

	it('a redirect loop ends with an error after 5 redirects', async () => {
		api.handle(() => ({ status: 302, headers: { Location: '/v1/user/profile' }, body: '' }));
		const result = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(api.url, KEY),
		});
		expect(result.error?.message).toBe(
			'Cloze kept redirecting the request (more than 5 redirects)',
		);
		expect(api.requests).toHaveLength(6);
	});
});
