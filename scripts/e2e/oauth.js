'use strict';
/*
 * OAuth2 for real, in a running n8n (part of the end-to-end suite, run.js): a Cloze OAuth2 API
 * credential is created over n8n's REST API and connected through n8n's own flow, as the editor
 * does it (n8n's authorization URL -> the simulator's /oauth/authorize approves and redirects ->
 * n8n's /rest/oauth2-credential/callback exchanges the code). n8n reaches the simulator's
 * authorization server through CREDENTIALS_OVERWRITE_DATA (the credential's URL fields are hidden,
 * set to Cloze's). Then, with Authentication = OAuth2: Get Profile, a write and a Return All over
 * three pages; an option list; the access token expires in the middle of a Return All (n8n
 * refreshes, no page lost or repeated); the Cloze Trigger subscribes and unsubscribes; a revoked
 * grant fails with words that tell the user to reconnect the credential.
 *
 * Workflows run inside the n8n server (started by a webhook) because `n8n execute` does not load
 * credential overwrites: a refresh needs the token URL.
 */
const crypto = require('node:crypto');
const assert = require('node:assert/strict');

const H = require('./harness');
const D = require('./deliveries');
const {
	TYPES,
	webhookWorkflow,
	stageChangeTriggerWorkflow,
	nodeItems,
	nodeError,
} = require('./workflows');

const SCOPES = 'basic read_relation change_relation read_content change_content analytics';
const PEOPLE = 2100; // with the people already there: three pages of Cloze's 1,000
const RUN_PATH = 'cloze-oauth2-e2e';
const TRIGGER_WEBHOOK_ID = '7c1e9a52-4b3d-4f6e-8a2c-9d0b1e2f3a4b';

/** CREDENTIALS_OVERWRITE_DATA pointing n8n's Cloze OAuth2 credential at the simulator. */
function credentialOverwrites(simUrl) {
	return JSON.stringify({
		clozeOAuth2Api: {
			authUrl: `${simUrl}/oauth/authorize`,
			accessTokenUrl: `${simUrl}/oauth/token`,
		},
	});
}

const oauth2 = (name, parameters, extra = {}) => ({
	name,
	type: TYPES.cloze,
	parameters: { authentication: 'oAuth2', ...parameters },
	...extra,
});

/**
 * The API requests (not the OAuth ones) and the token requests the simulator logged since its last
 * clear.
 */
async function logged(sim) {
	const all = (await sim.get('/__sim/requests')).requests;
	return {
		all,
		api: all.filter((r) => r.path.startsWith('/v1/')),
		token: all.filter((r) => r.path === '/oauth/token'),
	};
}

const formOf = (r) =>
	Object.fromEntries(new URLSearchParams(typeof r.body === 'string' ? r.body : ''));

/**
 * @param {{report, sim, api, server}} ctx  api: a logged-in N8nClient with a public-API key
 */
async function runOAuth2({ report, sim, api, server }) {
	const client = {
		id: 'n8n-e2e-client',
		secret: `e2e-secret-${crypto.randomBytes(12).toString('hex')}`,
	};
	const callback = `${server.url}/rest/oauth2-credential/callback`;
	let credential;
	let runWorkflow;
	let runs = 0;

	await report.step(
		"OAuth2 connect: credential created over REST, n8n's connect flow (auth URL -> Cloze " +
			"approves -> n8n's callback): connected",
		async () => {
			await sim.post('/__sim/oauth', {
				clientId: client.id,
				clientSecret: client.secret,
				redirectUris: [callback],
				accessTokenTtlSeconds: 3600,
			});
			await sim.del('/__sim/requests');
			// What the editor sends: the fields the user filled in (the URL fields are hidden).
			const created = await api.rest('POST', '/credentials', {
				name: 'Cloze OAuth2 (connected in the e2e)',
				type: 'clozeOAuth2Api',
				data: { clientId: client.id, clientSecret: client.secret, apiUrl: sim.url },
			});
			assert.ok(created && created.id, `no credential id: ${JSON.stringify(created)}`);
			const authUrl = await api.rest(
				'GET',
				`/oauth2-credential/auth?id=${encodeURIComponent(created.id)}`,
			);
			assert.equal(typeof authUrl, 'string', `the auth call answered ${JSON.stringify(authUrl)}`);
			const u = new URL(authUrl);
			assert.equal(
				`${u.origin}${u.pathname}`,
				`${sim.url}/oauth/authorize`,
				'n8n did not send the user to the authorization URL of the overwrite',
			);
			const q = Object.fromEntries(u.searchParams);
			assert.deepEqual(
				{
					client_id: q.client_id,
					redirect_uri: q.redirect_uri,
					response_type: q.response_type,
					scope: q.scope,
				},
				{ client_id: client.id, redirect_uri: callback, response_type: 'code', scope: SCOPES },
			);
			assert.ok(q.state, 'no state');
			// The browser at Cloze: approved, sent back to n8n.
			const approved = await fetch(authUrl, { redirect: 'manual' });
			assert.equal(approved.status, 302, `authorize answered ${approved.status}`);
			const back = new URL(approved.headers.get('location'));
			assert.equal(`${back.origin}${back.pathname}`, callback);
			assert.equal(back.searchParams.get('state'), q.state);
			const page = await api.request('GET', `${back.pathname}${back.search}`, undefined, {
				raw: true,
				headers: { accept: 'text/html' },
			});
			report.seen.push(page.text);
			assert.equal(
				page.status,
				200,
				`callback answered ${page.status}: ${page.text.slice(0, 300)}`,
			);
			const saved = await api.rest(
				'GET',
				`/credentials/${encodeURIComponent(created.id)}?includeData=true`,
			);
			report.seen.push(JSON.stringify(saved));
			assert.equal(
				saved.data.oauthTokenData,
				true,
				`not connected: ${page.text.replace(/\s+/g, ' ').slice(0, 400)}`,
			);
			const { token } = await logged(sim);
			assert.equal(token.length, 1, `token requests: ${token.length}`);
			assert.equal(token[0].status, 200);
			const body = formOf(token[0]);
			assert.equal(body.grant_type, 'authorization_code');
			assert.equal(body.redirect_uri, callback);
			// The credential's Authentication is "body": the client goes in the body, not in Basic.
			assert.deepEqual(
				[body.client_id, body.client_secret === client.secret, token[0].headers.authorization],
				[client.id, true, undefined],
			);
			credential = { id: created.id, name: created.name, type: 'clozeOAuth2Api' };
			const issued = await sim.get('/__sim/oauth');
			assert.deepEqual([issued.counts.codeGrants, issued.accessTokens.length], [1, 1]);
		},
	);
	if (!credential) {
		report.skip('OAuth2 workflows', 'the credential did not connect');
		return;
	}

	const tokens = async () => {
		const s = await sim.get('/__sim/oauth');
		return { access: s.accessTokens.map((t) => t.token), refresh: s.refreshTokens, snapshot: s };
	};

	await report.step('OAuth2 workflow created and activated (public API)', async () => {
		const wf = webhookWorkflow({
			id: 'clozeE2eOAuthRun',
			name: 'E2E: OAuth2 profile, write, Return All',
			path: RUN_PATH,
			credential,
			nodes: [
				oauth2('Get Profile', { resource: 'account', operation: 'getProfile' }),
				oauth2(
					'Create Person',
					{
						resource: 'person',
						operation: 'create',
						identifyBy: 'email',
						email: "={{ $('Webhook').first().json.body.email }}",
						name: "={{ $('Webhook').first().json.body.name }}",
						additionalFields: { stage: 'lead' },
					},
					{ executeOnce: true },
				),
				oauth2(
					'All People',
					{
						resource: 'person',
						operation: 'getAll',
						returnAll: true,
						scope: 'local',
						simplify: true,
					},
					{ executeOnce: true },
				),
			],
		});
		const { id, active, pinData, tags, ...body } = wf;
		const created = await api.api('POST', '/workflows', body);
		await api.api('POST', `/workflows/${created.id}/activate`);
		runWorkflow = created.id;
	});
	if (!runWorkflow) return;

	/** POSTs to the workflow's webhook; resolves with the finished execution (data included). */
	const run = async (payload) => {
		runs++;
		const res = await fetch(`${server.url}/webhook/${RUN_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
		});
		const text = await res.text();
		report.seen.push(text);
		assert.equal(res.status, 200, `webhook answered ${res.status} ${text.slice(0, 200)}`);
		const done = await H.waitFor(
			`OAuth2 run #${runs}`,
			async () => {
				const list = await D.allExecutions(api, runWorkflow, { includeData: true });
				const finished = list.filter(
					(e) =>
						e.finished || e.status === 'success' || e.status === 'error' || e.status === 'crashed',
				);
				return finished.length >= runs
					? finished.sort((a, b) => Number(b.id) - Number(a.id))[0]
					: null;
			},
			{ timeoutMs: 90000, intervalMs: 500 },
		);
		report.seen.push(JSON.stringify(done.data));
		return done;
	};
	const succeeded = (execution) => {
		const runData = execution.data.resultData.runData;
		for (const n of ['Get Profile', 'Create Person', 'All People']) {
			const err = nodeError(runData, n);
			if (err) throw new Error(`node "${n}" failed: ${err.message} ${err.description || ''}`);
		}
		assert.ok(
			execution.finished || execution.status === 'success',
			`execution ${execution.status}`,
		);
		return (name) => nodeItems(runData, name) || [];
	};
	/** Return All gave every person once. */
	const everyPersonOnce = async (items) => {
		const people = (await sim.get('/__sim/state')).people;
		const directs = items.map((p) => p.direct);
		assert.equal(
			new Set(directs).size,
			directs.length,
			`${directs.length - new Set(directs).size} people came twice`,
		);
		assert.deepEqual(
			[...directs].sort(),
			people.map((p) => p.direct).sort(),
			`Return All gave ${items.length} of ${people.length} people`,
		);
	};
	const findPages = (apiRequests) =>
		apiRequests
			.filter((r) => r.path === '/v1/people/find')
			.map((r) => [Number(r.query.pagenumber), r.status]);

	await report.step(
		`OAuth2: Get Profile, a write, a Return All over 3 pages (${PEOPLE} more people) with the ` +
			'token n8n got',
		async () => {
			await sim.post('/__sim/seed', { people: PEOPLE });
			await sim.del('/__sim/requests');
			const execution = await run({ email: 'olivia.oauth@example.com', name: 'Olivia OAuth' });
			const out = succeeded(execution);
			assert.equal(out('Get Profile')[0].email, 'dana@incfire.com');
			assert.deepEqual(out('Create Person')[0].emails, ['olivia.oauth@example.com']);
			await everyPersonOnce(out('All People'));
			assert.ok(
				out('All People').some((p) => p.name === 'Olivia OAuth'),
				'the person written is not in the list',
			);
			const { api: calls, token } = await logged(sim);
			const [access] = (await tokens()).access;
			assert.equal(token.length, 0, 'n8n refreshed a live token');
			assert.deepEqual(findPages(calls), [
				[1, 200],
				[2, 200],
				[3, 200],
			]);
			assert.ok(
				calls.every(
					(r) => r.auth === 'bearer-oauth' && r.headers.authorization === `Bearer ${access}`,
				),
				'a request did not carry the access token from the connect flow',
			);
		},
	);

	await report.step(
		'OAuth2: an option list (segments) through the OAuth2 credential (REST, as the editor asks)',
		async () => {
			await sim.del('/__sim/requests');
			const options = await api.rest('POST', '/dynamic-node-parameters/options', {
				nodeTypeAndVersion: { name: TYPES.cloze, version: 1 },
				path: 'parameters.filters.segment',
				methodName: 'getSegments',
				currentNodeParameters: {
					authentication: 'oAuth2',
					resource: 'person',
					operation: 'getAll',
					filters: {},
				},
				credentials: { clozeOAuth2Api: { id: credential.id, name: credential.name } },
			});
			report.seen.push(JSON.stringify(options));
			const { api: calls } = await logged(sim);
			assert.deepEqual(
				calls.map((r) => [r.method, r.path, r.auth, r.status]),
				[['GET', '/v1/user/segments/people', 'bearer-oauth', 200]],
			);
			const segments = await H.getJson(`${sim.url}/v1/user/segments/people`, {
				authorization: `Bearer ${sim.apiKey}`,
			});
			assert.deepEqual(
				options,
				segments.list.map((s) => ({ name: s.name, value: s.key })),
			);
		},
	);

	await report.step(
		'OAuth2: the access token expires in the middle of a Return All -> n8n refreshes once, the ' +
			'run succeeds, no page lost or repeated',
		async () => {
			const before = await tokens();
			const [oldAccess] = before.access;
			const oldRefresh = before.refresh.find((t) => t.live).token;
			await sim.del('/__sim/requests');
			// Live for Get Profile, Create Person, its read-back and page 1; page 2 meets an expired
			// token.
			await sim.post('/__sim/oauth', { expireAfterRequests: 4 });
			const execution = await run({ email: 'olivia.oauth@example.com', name: 'Olivia OAuth' });
			const out = succeeded(execution);
			await everyPersonOnce(out('All People'));
			const { api: calls, token } = await logged(sim);
			assert.deepEqual(findPages(calls), [
				[1, 200],
				[2, 401],
				[2, 200],
				[3, 200],
			]);
			assert.equal(token.length, 1, `token requests: ${token.length}`);
			const body = formOf(token[0]);
			assert.deepEqual(
				[body.grant_type, body.refresh_token === oldRefresh, body.client_id, token[0].status],
				['refresh_token', true, client.id, 200],
			);
			const after = await tokens();
			const newAccess = after.access.find((t) => t !== oldAccess);
			assert.ok(newAccess, 'no new access token');
			const byToken = (t) =>
				calls
					.filter((r) => r.headers.authorization === `Bearer ${t}`)
					.map((r) => `${r.path} ${r.status}`);
			assert.deepEqual(byToken(oldAccess), [
				'/v1/user/profile 200',
				'/v1/people/create 200',
				'/v1/people/get 200',
				'/v1/people/find 200',
				'/v1/people/find 401',
			]);
			assert.deepEqual(byToken(newAccess), ['/v1/people/find 200', '/v1/people/find 200']);
			// Rotation: the refresh token used is dead, n8n keeps the new one.
			assert.deepEqual(
				after.refresh.map((t) => t.live),
				[false, true],
			);
			report.log(
				`      page 2 answered 401, n8n refreshed (${token[0].path}) and asked page 2 again: ` +
					`${out('All People').length} people, each once`,
			);
		},
	);

	await report.step(
		'OAuth2: the Cloze Trigger subscribes and unsubscribes with the refreshed token',
		async () => {
			const wf = stageChangeTriggerWorkflow({
				name: 'E2E: OAuth2 Cloze Trigger',
				webhookId: TRIGGER_WEBHOOK_ID,
				credential,
			});
			const { id, active, pinData, tags, ...body } = wf;
			await sim.del('/__sim/requests');
			const created = await api.api('POST', '/workflows', body);
			const before = (await sim.get('/__sim/state')).subscriptions.length;
			await api.api('POST', `/workflows/${created.id}/activate`);
			const sub = await H.waitFor(
				"the OAuth2 trigger's subscription",
				async () => {
					const list = (await sim.get('/__sim/state')).subscriptions;
					return list.length > before ? list[list.length - 1] : null;
				},
				{ timeoutMs: 20000 },
			);
			assert.equal(new URL(sub.target_url).pathname, `/webhook/${TRIGGER_WEBHOOK_ID}/webhook`);
			const live = (await tokens()).snapshot.accessTokens.filter((t) => t.live).map((t) => t.token);
			const subscribe = (await sim.get('/__sim/requests?path=/v1/webhooks/subscribe')).requests;
			assert.equal(subscribe.length, 1);
			assert.deepEqual(
				[
					subscribe[0].auth,
					subscribe[0].status,
					live.includes(subscribe[0].headers.authorization.replace(/^Bearer /, '')),
				],
				['bearer-oauth', 200, true],
			);
			await api.api('POST', `/workflows/${created.id}/deactivate`);
			await H.waitFor(
				"the OAuth2 trigger's unsubscribe",
				async () => (await sim.get('/__sim/state')).subscriptions.length === before,
				{ timeoutMs: 20000 },
			);
			const unsubscribe = (await sim.get('/__sim/requests?path=/v1/webhooks/unsubscribe')).requests;
			assert.deepEqual(
				unsubscribe.map((r) => [r.auth, r.status]),
				[['bearer-oauth', 200]],
			);
		},
	);

	await report.step(
		'OAuth2: the user revoked access in Cloze -> the run fails, telling to reconnect the ' +
			'credential',
		async () => {
			await sim.post('/__sim/oauth', { revoke: true });
			await sim.del('/__sim/requests');
			const execution = await run({ email: 'olivia.oauth@example.com', name: 'Olivia OAuth' });
			assert.ok(!(execution.status === 'success'), 'the run succeeded with a revoked grant');
			const runData = execution.data.resultData.runData;
			const err = nodeError(runData, 'Get Profile') || execution.data.resultData.error;
			assert.ok(err, 'no error recorded');
			const text = `${err.message} ${err.description || ''}`;
			report.revokedMessage = text;
			report.log(`      revoked grant -> "${text.replace(/\s+/g, ' ').slice(0, 400)}"`);
			const { api: calls, token } = await logged(sim);
			assert.deepEqual(
				calls.map((r) => [r.path, r.status]),
				[['/v1/user/profile', 401]],
			);
			assert.deepEqual(
				token.map((r) => [formOf(r).grant_type, r.status]),
				[['refresh_token', 400]],
			);
			assert.match(
				text,
				/reconnect/i,
				'the error does not tell the user to reconnect the credential',
			);
		},
	);

	await report.step('deactivate the OAuth2 workflow (public API)', async () => {
		await api.api('POST', `/workflows/${runWorkflow}/deactivate`);
	});
}

/** Every access and refresh token the simulator issued (searched for in logs and outputs). */
async function issuedTokens(sim) {
	const s = await sim.get('/__sim/oauth');
	return [...s.accessTokens, ...s.refreshTokens].map((t) => t.token);
}

module.exports = { runOAuth2, credentialOverwrites, issuedTokens };
