/**
 * The foundation through n8n's real engine: both credential types, the one error check for every
 * failure shape, retries where the package drives the loop, continueOnFail, and the key never in
 * a URL.
 */
import { NodeApiError } from 'n8n-workflow';

import {
	apiKeyCredentials,
	loadOptions,
	oAuth2Credentials,
	runCredentialTest,
	runNode,
} from '../helpers/engine';

import { useSimulator } from '../helpers/harness';
import { PEOPLE_SEGMENTS, PROFILE } from '../simulator';

const sim = useSimulator(
	{},
	{ between: 'clearLog', afterReset: (simulator) => simulator.clearFaults() },
);

const profile = { resource: 'account', operation: 'getProfile' };

describe('Account > Get Profile', () => {
	test('with the API key credential: Bearer header, one item with the user', async () => {
		const result = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(sim().url),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE]);
		expect(sim().requests).toHaveLength(1);
		const [request] = sim().requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/v1/user/profile');
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe('Bearer test-api-key');
		expect(request.auth).toBe('bearer-api-key');
	});

	test('with the OAuth2 credential and a pre-set token', async () => {
		const result = await runNode({
			parameters: { ...profile, authentication: 'oAuth2' },
			credentials: oAuth2Credentials(sim().url),
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE]);
		expect(sim().requests[0].headers.authorization).toBe('Bearer test-oauth-token');
		expect(sim().requests[0].auth).toBe('bearer-oauth');
	});

	test('a trailing slash in the API URL is tolerated', async () => {
		const result = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(`${sim().url}/`),
		});
		expect(result.json).toEqual([PROFILE]);
		expect(sim().requests[0].path).toBe('/v1/user/profile');
	});

	test('one item per input item, in order', async () => {
		const result = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(sim().url),
			input: [{ n: 1 }, { n: 2 }, { n: 3 }],
		});
		expect(result.json).toEqual([PROFILE, PROFILE, PROFILE]);
		expect(sim().requests).toHaveLength(3);
	});
});

describe('the one error check, for every failure shape', () => {
	async function failure(credentials = apiKeyCredentials(sim().url)) {
		const result = await runNode({ parameters: profile, credentials });
		expect(result.json).toEqual([]);
		// The engine keeps the error serialised in the run data, as n8n stores it.
		expect(result.error?.name).toBe('NodeApiError');
		return result.error as unknown as NodeApiError;
	}

	test('401 with errorcode 1 (wrong key): names the credential as the fix', async () => {
		const error = await failure(apiKeyCredentials(sim().url, 'not-the-key'));
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('Cloze did not accept the credentials (HTTP 401)');
		expect(error.description).toContain('Check the API key');
		expect(error.description).toContain('Invalid token: access token is invalid');
	});

	test(
		'401 with OAuth2: the 401 reaches n8n’s token refresh, ' + 'which asks to reconnect',
		async () => {
			const result = await runNode({
				parameters: { ...profile, authentication: 'oAuth2' },
				credentials: oAuth2Credentials(sim().url, 'expired-token'),
			});
			expect(result.json).toEqual([]);
			expect(result.error?.message).toContain('Please reconnect the credentials');
			expect(
				sim().requests.map((r: { path: string; status: number }) => `${r.path} ${r.status}`),
			).toEqual(['/v1/user/profile 401']);
		},
	);

	test('HTTP 200 with a non-zero errorcode is a failure with Cloze’s message', async () => {
		sim().addFault({
			path: '/v1/user/profile',
			status: 200,
			body: { errorcode: 7, message: 'Account suspended' },
		});
		const error = await failure();
		expect(error.message).toBe('Cloze error 7: Account suspended');
		expect(error.description).toContain('HTTP 200');
	});

	test('errorcode 1 with HTTP 200 points at the credential', async () => {
		sim().addFault({
			path: '/v1/user/profile',
			status: 200,
			body: { errorcode: 1, message: 'The API key was not found' },
		});
		const error = await failure();
		expect(error.message).toBe('Cloze error 1: The API key was not found');
		expect(error.description).toContain('Check the API key');
	});

	test.each([
		[403, 'Cloze refused access (HTTP 403)', 'permission'],
		[404, 'Cloze does not know this address (HTTP 404)', 'API URL'],
		[500, 'Cloze had a server error (HTTP 500)', 'Retry On Fail'],
		[503, 'Cloze had a server error (HTTP 503)', 'Retry On Fail'],
		[418, 'Cloze refused the request (HTTP 418)', ''],
	])('HTTP %i', async (status, message, hint) => {
		// A read is tried up to three times on a 5xx: the fault stays.
		sim().addFault({ path: '/v1/user/profile', status, times: Infinity });
		const error = await failure();
		expect(error.httpCode).toBe(String(status));
		expect(error.message).toBe(message);
		expect(error.description).toContain(hint);
	});

	test(
		'429 asking for longer than the node waits: ' +
			'fails at once with the real figure and names the setting',
		async () => {
			sim().addFault({ path: '/v1/user/profile', status: 429, retryAfter: 120 });
			const error = await failure();
			expect(error.httpCode).toBe('429');
			expect(error.message).toBe('Cloze is rate limiting requests (HTTP 429)');
			expect(error.description).toContain('wait 120 s (2 min)');
			expect(error.description).toContain("'Max Requests in Flight'");
			expect(sim().requests).toHaveLength(1);
		},
	);

	test('a body that is not JSON (HTTP 200)', async () => {
		sim().addFault({ path: '/v1/user/profile', malformed: true });
		const error = await failure();
		expect(error.message).toBe('Cloze answered with something that is not JSON');
	});

	test(
		'continueOnFail: the failing item becomes an error item, ' + 'the others still run, in order',
		async () => {
			sim().addFault({
				path: '/v1/user/profile',
				status: 200,
				after: 1,
				body: { errorcode: 11, message: 'No identifiers available' },
			});
			const result = await runNode({
				parameters: profile,
				credentials: apiKeyCredentials(sim().url),
				input: [{ n: 1 }, { n: 2 }, { n: 3 }],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			expect(result.items[0].json).toEqual(PROFILE);
			expect(result.items[1].json).toEqual({ error: 'Cloze error 11: No identifiers available' });
			expect(result.items[2].json).toEqual(PROFILE);
			expect(sim().requests).toHaveLength(3);
		},
	);
});

describe('requests the package drives itself (option lists) retry 429 and 5xx', () => {
	test('429 with Retry-After, then success: retried once after the wait', async () => {
		sim().addFault({ path: '/v1/user/segments/people', status: 429, retryAfter: 1 });
		const started = Date.now();
		const options = await loadOptions(
			'loadOptions',
			'getSegments',
			{ resource: 'person' },
			apiKeyCredentials(sim().url),
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(options).toEqual(
			PEOPLE_SEGMENTS.map((s: { name: string; key: string }) => ({ name: s.name, value: s.key })),
		);
		expect(sim().requestsTo('GET', '/v1/user/segments/people')).toHaveLength(2);
	});

	test('429s that do not end: a clear rate-limit error after 8 tries', async () => {
		sim().addFault({
			path: '/v1/user/segments/people',
			status: 429,
			retryAfter: 0,
			times: Infinity,
		});
		await expect(
			loadOptions(
				'loadOptions',
				'getSegments',
				{ resource: 'person' },
				apiKeyCredentials(sim().url),
			),
		).rejects.toThrow('Cloze is rate limiting requests (HTTP 429)');
		expect(sim().requestsTo('GET', '/v1/user/segments/people')).toHaveLength(8);
	});

	test('a 502 then success', async () => {
		sim().addFault({ path: '/v1/user/segments/people', status: 502, retryAfter: 0 });
		const options = await loadOptions(
			'loadOptions',
			'getSegments',
			{ resource: 'person' },
			apiKeyCredentials(sim().url),
		);
		expect(options.length).toBe(PEOPLE_SEGMENTS.length);
		expect(sim().requestsTo('GET', '/v1/user/segments/people')).toHaveLength(2);
	});

	test('option lists use the chosen credential type (OAuth2)', async () => {
		await loadOptions(
			'loadOptions',
			'getSegments',
			{ resource: 'project', authentication: 'oAuth2' },
			oAuth2Credentials(sim().url),
		);
		expect(sim().requests[0].path).toBe('/v1/user/segments/projects');
		expect(sim().requests[0].auth).toBe('bearer-oauth');
	});
});

describe('credential test of the API key credential', () => {
	const data = (apiKey: string) => ({ email: 'owner@example.com', apiKey, apiUrl: sim().url });

	test('succeeds with the right key, asking for the profile with the Bearer header', async () => {
		expect(await runCredentialTest(data('test-api-key'))).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(sim().requests).toHaveLength(1);
		expect(sim().requests[0].path).toBe('/v1/user/profile');
		expect(sim().requests[0].headers.authorization).toBe('Bearer test-api-key');
	});

	test('fails on HTTP 200 with errorcode 1, naming the key', async () => {
		sim().addFault({
			path: '/v1/user/profile',
			status: 200,
			body: { errorcode: 1, message: 'The API key was not found' },
		});
		const result = await runCredentialTest(data('test-api-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('The API key was not found');
	});

	test("fails on an answer that is not Cloze's (no errorcode), e.g. an error page", async () => {
		sim().addFault({ path: '/v1/user/profile', status: 200, body: { status: 'maintenance' } });
		const result = await runCredentialTest(data('test-api-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'Cloze answered with an error or a redirect instead of the account profile',
		);
	});

	test('fails on a wrong key (HTTP 401), without echoing the key', async () => {
		const result = await runCredentialTest(data('wrong-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Invalid token: access token is invalid');
		expect(result.message).toContain('Check the API key');
		expect(result.message).not.toContain('wrong-key');
	});
});

describe('secrets', () => {
	test('the API key appears in no URL the simulator saw, and in no error message', async () => {
		const key = 'secret-key-7f3a';
		const denied = await runNode({
			parameters: profile,
			credentials: apiKeyCredentials(sim().url, key),
		});
		await runNode({ parameters: profile, credentials: apiKeyCredentials(sim().url) });
		await loadOptions(
			'loadOptions',
			'getStages',
			{ resource: 'person' },
			apiKeyCredentials(sim().url),
		);
		expect(sim().requests.length).toBe(3);
		for (const request of sim().requests) {
			expect(request.url).not.toContain(key);
			expect(request.url).not.toContain('test-api-key');
			expect(request.url).not.toMatch(/api_key/i);
			expect(request.auth).not.toBe('query-api-key');
		}
		const error = denied.error as NodeApiError;
		expect(
			JSON.stringify({
				message: error.message,
				description: error.description,
				context: error.context,
			}),
		).not.toContain(key);
	});
});

describe(
	'a 429 without Retry-After: retried after the wait its rate-limit headers ask, else 1 s, ' +
		'then 2 s',
	() => {
		/** Account > Get Profile with a credential: its output, and the ms between its tries. */
		async function profileAfter429(
			credentials: ReturnType<typeof apiKeyCredentials | typeof oAuth2Credentials>,
		) {
			const result = await runNode({
				parameters: {
					...profile,
					authentication: 'clozeOAuth2Api' in credentials ? 'oAuth2' : 'apiKey',
				},
				credentials,
			});
			const times = sim()
				.requests.filter((request) => request.path === '/v1/user/profile')
				.map((request) => request.time);
			return { result, gaps: times.slice(1).map((time, index) => time - times[index]) };
		}

		test.each([
			['API key', () => apiKeyCredentials(sim().url)],
			['OAuth2', () => oAuth2Credentials(sim().url)],
		])('%s: RateLimit-Reset: 2 (seconds to wait)', async (_, credentials) => {
			sim().addFault({
				path: '/v1/user/profile',
				status: 429,
				headers: { 'RateLimit-Reset': '2' },
			});
			const { result, gaps } = await profileAfter429(credentials());
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([PROFILE]);
			expect(gaps).toHaveLength(1);
			expect(gaps[0]).toBeGreaterThanOrEqual(1950);
		});

		test('X-RateLimit-Reset: the Unix time (seconds) when the limit resets', async () => {
			const reset = Math.ceil(Date.now() / 1000) + 2;
			sim().addFault({
				path: '/v1/user/profile',
				status: 429,
				headers: { 'X-RateLimit-Reset': String(reset) },
			});
			const { result, gaps } = await profileAfter429(apiKeyCredentials(sim().url));
			expect(result.json).toEqual([PROFILE]);
			const first = sim().requests.find((request) => request.path === '/v1/user/profile')!;
			expect(gaps[0]).toBeGreaterThanOrEqual(Math.max(reset * 1000 - first.time - 50, 1000));
		});

		test('X-RateLimit-Reset 2 min ahead (Unix ms): fails at once and says how long', async () => {
			sim().addFault({
				path: '/v1/user/profile',
				status: 429,
				headers: { 'X-RateLimit-Reset': String(Date.now() + 120_000) },
			});
			const { result, gaps } = await profileAfter429(apiKeyCredentials(sim().url));
			const error = result.error as unknown as NodeApiError;
			expect(error.message).toBe('Cloze is rate limiting requests (HTTP 429)');
			expect(error.description).toContain('Cloze asked to wait 120 s (2 min)');
			expect(gaps).toEqual([]);
		});

		test('no rate-limit header at all, twice: tried again after 1 s, then after 2 s', async () => {
			sim().addFault({ path: '/v1/user/profile', status: 429, times: 2 });
			const { result, gaps } = await profileAfter429(apiKeyCredentials(sim().url));
			expect(result.json).toEqual([PROFILE]);
			expect(gaps).toHaveLength(2);
			expect(gaps[0]).toBeGreaterThanOrEqual(950);
			expect(gaps[0]).toBeLessThan(1900);
			expect(gaps[1]).toBeGreaterThanOrEqual(1950);
		});
	},
);
