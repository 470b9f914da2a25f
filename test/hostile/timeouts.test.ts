/**
 * Issue 16.6: a server that never answers no longer holds the execution for n8n's 300 s per
 * request: every request of the package has a 30 s default timeout, and n8n's Request Options
 * Timeout, when set, wins. A `Retry-After` longer than the node waits (60 s) fails at once with
 * Cloze's real figure instead of sleeping 60 s twice.
 */
import { apiKeyCredentials, loadOptions, runNode } from '../helpers/engine';
import { DEFAULT_TIMEOUT_MS } from '../../nodes/shared/transport';
import { PROFILE_BODY, useHostile } from './servers';

const api = useHostile();

const profile = { resource: 'account', operation: 'getProfile' };

describe('a server that never answers', () => {
	beforeEach(() => api.handle(() => ({ hang: true })));

	it(
		'a routed request gives up after the ' + 'default 30 s with a clear error, tried once',
		async () => {
			expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
			const started = Date.now();
			const result = await runNode({
				parameters: profile,
				credentials: apiKeyCredentials(api.url),
			});
			const waited = Date.now() - started;
			expect(result.error?.message).toBe('Cloze did not answer within 30 s');
			expect(result.error?.description).toContain("'Timeout' (node: Request Options");
			expect(waited).toBeGreaterThanOrEqual(29_000);
			expect(waited).toBeLessThan(45_000);
			expect(api.requests).toHaveLength(1);
		},
		60_000,
	);

	it("n8n's Request Options Timeout wins: 1,500 ms", async () => {
		const started = Date.now();
		const result = await runNode({
			parameters: { ...profile, requestOptions: { timeout: 1500 } },
			credentials: apiKeyCredentials(api.url),
		});
		expect(result.error?.message).toBe('Cloze did not answer within 2 s');
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('a paginated list (People > Get Many) times out the same way', async () => {
		const result = await runNode({
			parameters: {
				resource: 'person',
				operation: 'getAll',
				returnAll: true,
				requestOptions: { timeout: 1000 },
			},
			credentials: apiKeyCredentials(api.url),
		});
		expect(result.error?.message).toBe('Cloze did not answer within 1 s');
		expect(api.requests).toHaveLength(1);
	});

	it('the package’s own requests (option lists) time out after 30 s too', async () => {
		const started = Date.now();
		await expect(
			loadOptions('loadOptions', 'getSegments', { resource: 'person' }, apiKeyCredentials(api.url)),
		).rejects.toThrow('Cloze did not answer within 30 s');
		expect(Date.now() - started).toBeLessThan(45_000);
	}, 60_000);
});

describe('Retry-After longer than the node waits', () => {
	it(
		'Retry-After: 3600 on a routed request fails at once, ' + 'saying 3600 s, after one request',
		async () => {
			api.handle(() => ({
				status: 429,
				headers: { 'Retry-After': '3600' },
				body: { errorcode: 429, message: 'Slow down' },
			}));
			const started = Date.now();
			const result = await runNode({
				parameters: profile,
				credentials: apiKeyCredentials(api.url),
			});
			expect(result.error?.message).toBe('Cloze is rate limiting requests (HTTP 429)');
			expect(result.error?.description).toContain('Cloze asked to wait 3600 s (1 h).');
			expect(result.error?.description).toContain("'Max Requests in Flight'");
			expect(result.error?.description).not.toContain("batching settings under 'Options'");
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(api.requests).toHaveLength(1);
		},
	);

	it('Retry-After: 3600 in an option list fails at once too', async () => {
		api.handle(() => ({ status: 429, headers: { 'Retry-After': '3600' }, body: {} }));
		const started = Date.now();
		await expect(
			loadOptions('loadOptions', 'getSegments', { resource: 'person' }, apiKeyCredentials(api.url)),
		).rejects.toThrow('Cloze is rate limiting requests (HTTP 429)');
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(api.requests).toHaveLength(1);
	});

	it('Retry-After: 1 is waited out and the request asked again', async () => {
		api.handle((_request, index) =>
			index === 0
				? { status: 429, headers: { 'Retry-After': '1' }, body: {} }
				: { status: 200, body: PROFILE_BODY },
		);
		const result = await runNode({ parameters: profile, credentials: apiKeyCredentials(api.url) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE_BODY.user]);
		expect(api.requests).toHaveLength(2);
	});
});

describe('a lost connection', () => {
	it('on a write (People > Create) is not repeated: one request, a clear error', async () => {
		api.handle(() => ({ drop: true }));
		const result = await runNode({
			parameters: {
				resource: 'person',
				operation: 'create',
				identifyBy: 'email',
				email: 'jane@example.com',
			},
			credentials: apiKeyCredentials(api.url),
		});
		expect(result.error?.message).toBe('The connection to Cloze was lost before it answered');
		expect(result.error?.description).toContain('A write is not sent again');
		expect(api.requests).toHaveLength(1);
	});

	it('on a read is retried: the second try answers', async () => {
		api.handle((_request, index) =>
			index === 0 ? { drop: true } : { status: 200, body: PROFILE_BODY },
		);
		const result = await runNode({ parameters: profile, credentials: apiKeyCredentials(api.url) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([PROFILE_BODY.user]);
		expect(api.requests).toHaveLength(2);
	});
});
