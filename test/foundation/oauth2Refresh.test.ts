/**
 * OAuth2 through n8n's real engine against the simulator's authorization server: an access token
 * that Cloze no longer accepts is refreshed through the credential's token URL (client in the
 * body, as the credential's hidden Authentication says) and the request repeated; a Return All
 * that meets an expiry on a later page loses and repeats no page.
 */
import { oAuth2Credentials, runNode } from '../helpers/engine';

import { useSimulator } from '../helpers/harness';
import { PROFILE } from '../simulator';

// The client of engine.ts's oAuth2Credentials.
const sim = useSimulator(
	{ oauth: { clientId: 'test-client', clientSecret: 'test-secret' } },
	{ between: 'clearLog' },
);

/** A credential as n8n keeps it after the connect flow: the token pair the simulator issued. */
function connected() {
	const issued = sim().oauth.issue('basic read_relation');
	const credentials = oAuth2Credentials(sim().url, issued.access_token);
	credentials.clozeOAuth2Api.oauthTokenData = { ...issued };
	return { issued, credentials };
}

const tokenRequests = () =>
	sim()
		.requests.filter((r) => r.path === '/oauth/token')
		.map(
			(r): Record<string, string | number | boolean> => ({
				...Object.fromEntries(new URLSearchParams(r.body)),
				status: r.status,
				basic: r.headers.authorization !== undefined,
			}),
		);

test(
	'an expired access token is refreshed once ' + 'and the request repeated with the new one',
	async () => {
		const { issued, credentials } = connected();
		sim().oauth.control({ expire: true });
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'account', operation: 'getProfile' },
			credentials,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE]);
		expect(tokenRequests()).toEqual([
			{
				grant_type: 'refresh_token',
				refresh_token: issued.refresh_token,
				client_id: 'test-client',
				client_secret: 'test-secret',
				status: 200,
				basic: false,
			},
		]);
		const profile = sim().requests.filter((r: { path: string }) => r.path === '/v1/user/profile');
		expect(profile.map((r: { status: number }) => r.status)).toEqual([401, 200]);
		expect(profile[0].headers.authorization).toBe(`Bearer ${issued.access_token}`);
		expect(profile[1].headers.authorization).not.toBe(profile[0].headers.authorization);
		// Rotation: the refresh token used is spent.
		const spent = sim()
			.oauth.snapshot()
			.refreshTokens.find((t: { token: string }) => t.token === issued.refresh_token);
		expect(spent.live).toBe(false);
	},
);

test('Return All across an expiry on page 2: three pages, every record once', async () => {
	sim().seedPeople(2100);
	const { credentials } = connected();
	sim().oauth.control({ expireAfterRequests: 1 });
	const result = await runNode({
		parameters: {
			authentication: 'oAuth2',
			resource: 'person',
			operation: 'getAll',
			returnAll: true,
			scope: 'local',
			simplify: true,
		},
		credentials,
	});
	expect(result.error).toBeUndefined();
	const pages = sim()
		.requests.filter((r) => r.path === '/v1/people/find')
		.map((r) => [r.query.pagenumber, r.status]);
	expect(pages).toEqual([
		['1', 200],
		['2', 401],
		['2', 200],
		['3', 200],
	]);
	const directs = result.json.map((p) => p.direct);
	expect(new Set(directs).size).toBe(2100);
	expect([...directs].sort()).toEqual(
		sim()
			.store.people.map((p: { direct: string }) => p.direct)
			.sort(),
	);
	expect(tokenRequests()).toHaveLength(1);
});

test(
	'a revoked grant: one refresh attempt, refused, ' +
		'and the error tells to reconnect the credential',
	async () => {
		const { credentials } = connected();
		sim().oauth.control({ revoke: true });
		const result = await runNode({
			parameters: { authentication: 'oAuth2', resource: 'account', operation: 'getProfile' },
			credentials,
		});
		expect(result.error).toBeDefined();
		expect(`${result.error?.message} ${result.error?.description ?? ''}`).toMatch(/reconnect/i);
		expect(tokenRequests().map((t) => [t.grant_type, t.status])).toEqual([['refresh_token', 400]]);
		expect(
			sim()
				.requests.filter((r: { path: string }) => r.path.startsWith('/v1/'))
				.map((r: { status: number }) => r.status),
		).toEqual([401]);
	},
);
