'use strict';

/* eslint-env jest */
const { startSimulator } = require('./index');

const CALLBACK = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('simulator: Cloze as an OAuth 2.0 authorization server', () => {
	/** @type {any} */
	let sim;
	beforeAll(async () => {
		sim = await startSimulator({
			port: 0,
			oauth: { clientId: 'n8n-client', clientSecret: 'n8n-secret', redirectUris: [CALLBACK] },
		});
	});
	afterAll(() => sim.close());
	beforeEach(() => sim.clearLog());

	const authorize = async (params) => {
		const res = await fetch(`${sim.url}/oauth/authorize?${new URLSearchParams(params)}`, {
			redirect: 'manual',
		});
		return { status: res.status, location: res.headers.get('location'), text: await res.text() };
	};
	const token = async (fields, { auth } = {}) => {
		const headers = {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
		};
		if (auth) headers.Authorization = auth;
		const res = await fetch(`${sim.url}/oauth/token`, {
			method: 'POST',
			headers,
			body: new URLSearchParams(fields).toString(),
		});
		return { status: res.status, json: await res.json(), headers: res.headers };
	};
	const profile = async (accessToken) => {
		const res = await fetch(`${sim.url}/v1/user/profile`, {
			headers: { Authorization: `Bearer ${accessToken}` },
		});
		return { status: res.status, json: await res.json() };
	};
	const connect = async (scope = 'basic read_relation') => {
		const a = await authorize({
			response_type: 'code',
			client_id: 'n8n-client',
			redirect_uri: CALLBACK,
			scope,
			state: 'st-1',
		});
		const code = new URL(a.location).searchParams.get('code');
		return (
			await token(
				{ grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
				{ auth: basic('n8n-client', 'n8n-secret') },
			)
		).json;
	};

	test(
		'authorize approves and redirects to the ' + 'registered redirect URI with code and state',
		async () => {
			const a = await authorize({
				response_type: 'code',
				client_id: 'n8n-client',
				redirect_uri: CALLBACK,
				scope: 'basic read_relation',
				state: 'abc=/+',
			});
			expect(a.status).toBe(302);
			const back = new URL(a.location);
			expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
			expect(back.searchParams.get('state')).toBe('abc=/+');
			expect(back.searchParams.get('code')).toMatch(/^cloze-code-[0-9a-f]{48}$/);
			expect(sim.requests.map((r) => [r.method, r.path, r.status])).toEqual([
				['GET', '/oauth/authorize', 302],
			]);
		},
	);

	test(
		'authorize refuses an unknown client or redirect URI without redirecting, ' +
			'and redirects other errors',
		async () => {
			expect(
				(await authorize({ response_type: 'code', client_id: 'other', redirect_uri: CALLBACK }))
					.status,
			).toBe(400);
			expect(
				(
					await authorize({
						response_type: 'code',
						client_id: 'n8n-client',
						redirect_uri: 'http://127.0.0.1:9/evil',
					})
				).status,
			).toBe(400);
			const wrongType = await authorize({
				response_type: 'token',
				client_id: 'n8n-client',
				redirect_uri: CALLBACK,
				state: 's',
			});
			expect(wrongType.status).toBe(302);
			expect(Object.fromEntries(new URL(wrongType.location).searchParams)).toEqual({
				error: 'unsupported_response_type',
				state: 's',
			});
			const badScope = await authorize({
				response_type: 'code',
				client_id: 'n8n-client',
				redirect_uri: CALLBACK,
				scope: 'basic admin',
				state: 's',
			});
			expect(Object.fromEntries(new URL(badScope.location).searchParams)).toEqual({
				error: 'invalid_scope',
				state: 's',
			});
		},
	);

	test(
		'a code is exchanged once, ' +
			'with the client in Basic or in the body, for tokens the API accepts',
		async () => {
			const a = await authorize({
				response_type: 'code',
				client_id: 'n8n-client',
				redirect_uri: CALLBACK,
				scope: 'basic read_relation',
				state: 's',
			});
			const code = new URL(a.location).searchParams.get('code');
			const t = await token({
				grant_type: 'authorization_code',
				code,
				redirect_uri: CALLBACK,
				client_id: 'n8n-client',
				client_secret: 'n8n-secret',
			});
			expect(t.status).toBe(200);
			expect(t.headers.get('cache-control')).toBe('no-store');
			expect(t.json).toEqual({
				access_token: expect.stringMatching(/^cloze-at-/),
				token_type: 'bearer',
				expires_in: 3600,
				refresh_token: expect.stringMatching(/^cloze-rt-/),
				scope: 'basic read_relation',
			});
			const again = await token(
				{ grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
				{ auth: basic('n8n-client', 'n8n-secret') },
			);
			expect(again).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
			const p = await profile(t.json.access_token);
			expect(p.status).toBe(200);
			expect(p.json.profile.email).toBe('dana@incfire.com');
			expect(sim.requestsTo('GET', '/v1/user/profile')[0].auth).toBe('bearer-oauth');
		},
	);

	test(
		'the token endpoint refuses a wrong client, ' +
			'a mismatched redirect URI and an unknown grant type',
		async () => {
			const a = await authorize({
				response_type: 'code',
				client_id: 'n8n-client',
				redirect_uri: CALLBACK,
			});
			const code = new URL(a.location).searchParams.get('code');
			const wrong = await token(
				{ grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
				{ auth: basic('n8n-client', 'nope') },
			);
			expect(wrong).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
			expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="cloze"');
			expect(
				(await token({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK })).status,
			).toBe(401);
			const mismatch = await token(
				{ grant_type: 'authorization_code', code, redirect_uri: `${CALLBACK}x` },
				{ auth: basic('n8n-client', 'n8n-secret') },
			);
			expect(mismatch).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
			const twice = await token(
				{ grant_type: 'client_credentials', client_id: 'n8n-client', client_secret: 'other' },
				{ auth: basic('n8n-client', 'n8n-secret') },
			);
			expect(twice).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
			expect(
				(await token({ grant_type: 'password' }, { auth: basic('n8n-client', 'n8n-secret') })).json,
			).toEqual({ error: 'unsupported_grant_type' });
			expect((await fetch(`${sim.url}/oauth/token`)).status).toBe(405);
		},
	);

	test('access tokens expire after the configured time and answer as Cloze does', async () => {
		const t = await connect();
		expect((await profile(t.access_token)).status).toBe(200);
		const realNow = sim.oauth.now;
		try {
			sim.oauth.now = () => realNow() + 3600 * 1000;
			const p = await profile(t.access_token);
			expect(p).toEqual({
				status: 401,
				json: { message: 'Invalid token: access token is invalid' },
			});
		} finally {
			sim.oauth.now = realNow;
		}
		sim.oauth.control({ accessTokenTtlSeconds: 120 });
		expect((await connect()).expires_in).toBe(120);
		sim.oauth.control({ accessTokenTtlSeconds: 3600 });
		expect((await profile('cloze-at-unknown')).status).toBe(401);
	});

	test(
		'a refresh rotates the refresh token; ' + 'the used one is dead; scope can only shrink',
		async () => {
			const first = await connect('basic read_relation change_relation');
			const auth = { auth: basic('n8n-client', 'n8n-secret') };
			const second = await token(
				{ grant_type: 'refresh_token', refresh_token: first.refresh_token },
				auth,
			);
			expect(second.status).toBe(200);
			expect(second.json.refresh_token).not.toBe(first.refresh_token);
			expect(second.json.access_token).not.toBe(first.access_token);
			expect(second.json.scope).toBe('basic read_relation change_relation');
			expect((await profile(second.json.access_token)).status).toBe(200);
			const reused = await token(
				{ grant_type: 'refresh_token', refresh_token: first.refresh_token },
				auth,
			);
			expect(reused).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
			const wider = await token(
				{
					grant_type: 'refresh_token',
					refresh_token: second.json.refresh_token,
					scope: 'basic analytics',
				},
				auth,
			);
			expect(wider).toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
			const narrower = await token(
				{ grant_type: 'refresh_token', refresh_token: second.json.refresh_token, scope: 'basic' },
				auth,
			);
			expect(narrower.json.scope).toBe('basic');
		},
	);

	test('control: expire after n requests, expire now, revoke every grant', async () => {
		const t = await connect();
		sim.oauth.control({ expireAfterRequests: 1 });
		expect((await profile(t.access_token)).status).toBe(200);
		expect((await profile(t.access_token)).status).toBe(401);
		const t2 = await connect();
		const res = await fetch(`${sim.url}/__sim/oauth`, {
			method: 'POST',
			body: JSON.stringify({ expire: true }),
		});
		expect(res.status).toBe(200);
		expect((await profile(t2.access_token)).status).toBe(401);
		const t3 = await connect();
		sim.oauth.control({ revoke: true });
		expect((await profile(t3.access_token)).status).toBe(401);
		const refresh = await token(
			{ grant_type: 'refresh_token', refresh_token: t3.refresh_token },
			{ auth: basic('n8n-client', 'n8n-secret') },
		);
		expect(refresh).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
		const snap = await (await fetch(`${sim.url}/__sim/oauth`)).json();
		expect(snap.accessTokens.map((x) => x.token)).toEqual(
			expect.arrayContaining([t.access_token, t2.access_token, t3.access_token]),
		);
		expect(snap.accessTokens.every((x) => !x.live)).toBe(true);
		expect(snap.refreshTokens.every((x) => !x.live)).toBe(true);
		// The fixed test token is not an issued one: it stays valid.
		expect((await profile(sim.oauthToken)).status).toBe(200);
	});
});
