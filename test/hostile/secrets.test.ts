/**
 * Issue 16.7: a server that echoes the Authorization header (into an error message, a success
 * body, a header) cannot put the API key or the OAuth token into an error, the run data or an
 * output item: the node redacts them everywhere.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, loadOptions, oAuth2Credentials, runNode } from '../helpers/engine';
import { REDACTED } from '../../nodes/shared/errors';
import { useHostile, type Received } from './servers';

const api = useHostile();

const KEY = 'echoed-api-key-4d7f2a9b';
const TOKEN = 'echoed-oauth-token-8c1e6f03';
const said = (request: Received) => String(request.headers.authorization);

const credentials = [
	['API key', {}, apiKeyCredentials('', KEY), KEY],
	['OAuth2', { authentication: 'oAuth2' }, oAuth2Credentials('', TOKEN), TOKEN],
] as const;

function pointedAt(all: (typeof credentials)[number][2]) {
	const [[type, data]] = Object.entries(all);
	const apiUrl = api.url;
	return { [type]: { ...(data as IDataObject), apiUrl, accessTokenUrl: `${apiUrl}/oauth/token` } };
}

describe.each(credentials)('%s', (_name, auth, creds, secret) => {
	const profile = { resource: 'account', operation: 'getProfile', ...auth };

	it.each([
		[
			'HTTP 400 whose message echoes the header',
			(request: Received) => ({
				status: 400,
				body: { errorcode: 400, message: `Bad header: ${said(request)}` },
			}),
		],
		[
			'HTTP 200 + errorcode whose message echoes it',
			(request: Received) => ({
				status: 200,
				body: { errorcode: 5, message: `Rejected ${said(request)}` },
			}),
		],
		[
			'HTTP 500 with the header in the body',
			(request: Received) => ({
				status: 500,
				body: { errorcode: 500, debug: { authorization: said(request) } },
			}),
		],
	])('%s: the secret is in no error text and nowhere in the run data', async (_shape, answer) => {
		api.handle(answer);
		const result = await runNode({ parameters: profile, credentials: pointedAt(creds) });
		expect(result.error).toBeDefined();
		expect(JSON.stringify(result.error)).not.toContain(secret);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(secret);
		expect(JSON.stringify(result.run)).not.toContain(secret);
		// The server did receive it, so the check above can fail.
		expect(said(api.requests[0])).toBe(`Bearer ${secret}`);
	});

	it(
		'a success body that echoes the header: the output item holds [redacted] ' + 'instead',
		async () => {
			api.handle((request) => ({
				body: { errorcode: 0, user: { email: 'owner@example.com', note: `seen ${said(request)}` } },
			}));
			const result = await runNode({ parameters: profile, credentials: pointedAt(creds) });
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([
				{ email: 'owner@example.com', note: `seen Bearer ${REDACTED}` },
			]);
			expect(JSON.stringify(result.run)).not.toContain(secret);
		},
	);

	it(
		'a list page of 1,000 records that echoes it deep in its last record: no item holds ' + 'it',
		async () => {
			api.handle((request) => {
				const people: IDataObject[] = Array.from({ length: 999 }, (_, index) => ({
					direct: `p${index}`,
					name: `Person ${index}`,
					rank: index,
				}));
				people.push({ direct: 'deep', notes: [{ seen: { by: [`header ${said(request)}`] } }] });
				return { body: { errorcode: 0, people, cursor: 'c1', availablecount: people.length } };
			});
			const result = await runNode({
				parameters: {
					resource: 'person',
					operation: 'getChanges',
					returnAll: true,
					simplify: false,
					...auth,
				},
				credentials: pointedAt(creds),
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(1000);
			expect(JSON.stringify(result.run)).not.toContain(secret);
			expect(result.json[999]).toMatchObject({
				direct: 'deep',
				notes: [{ seen: { by: [`header Bearer ${REDACTED}`] } }],
			});
			expect(said(api.requests[0])).toBe(`Bearer ${secret}`);
		},
	);

	it('a record that echoes it as a field name: the name is redacted too', async () => {
		api.handle((request) => ({
			body: {
				errorcode: 0,
				people: [{ direct: 'p1', tags: { [said(request)]: true } }],
				cursor: 'c1',
				availablecount: 1,
			},
		}));
		const result = await runNode({
			parameters: {
				resource: 'person',
				operation: 'getChanges',
				returnAll: true,
				simplify: false,
				...auth,
			},
			credentials: pointedAt(creds),
		});
		expect(result.error).toBeUndefined();
		expect(JSON.stringify(result.run)).not.toContain(secret);
		expect(result.json[0]).toMatchObject({ direct: 'p1', tags: { [`Bearer ${REDACTED}`]: true } });
	});

	it.each([
		[
			'\\u escapes',
			(text: string) =>
				text.replace(
					/[a-z]/g,
					(letter) => `\\u${letter.charCodeAt(0).toString(16).padStart(4, '0')}`,
				),
		],
		[
			'an escaped slash in the text and \\u escapes in the key',
			(text: string) => `${text.slice(0, 7)}\\/${text.slice(7).replace(/e/g, '\\u0065')}`,
		],
	])(
		'a page of 1,000 records that writes it with %s (the text does not show it): no item holds it',
		async (_how, escape) => {
			api.handle((request) => {
				const people = Array.from({ length: 1000 }, (_, index) => ({
					direct: `p${index}`,
					name: `Person ${index}`,
				}));
				const text = JSON.stringify({
					errorcode: 0,
					people,
					cursor: 'c1',
					availablecount: people.length,
				});
				// The last record's note, written as JSON escapes: the text never holds the secret as it
				// is.
				const note = `"note":"${escape(said(request))}"`;
				const body =
					`${text.slice(0, text.lastIndexOf('}]'))},${note}}]` +
					`${text.slice(text.lastIndexOf('}]') + 2)}`;
				expect(body).not.toContain(secret);
				return { body };
			});
			const result = await runNode({
				parameters: {
					resource: 'person',
					operation: 'getChanges',
					returnAll: true,
					simplify: false,
					...auth,
				},
				credentials: pointedAt(creds),
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toHaveLength(1000);
			expect(JSON.stringify(result.run)).not.toContain(secret);
			expect(String(result.json[999].note)).toContain(REDACTED);
		},
	);

	it('with continueOnFail: the error items hold no secret', async () => {
		api.handle((request) => ({
			status: 403,
			body: { errorcode: 403, message: `Denied for ${said(request)}` },
		}));
		const result = await runNode({
			parameters: profile,
			credentials: pointedAt(creds),
			input: [{ n: 1 }, { n: 2 }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		expect(result.items.every((item) => item.error)).toBe(true);
		expect(JSON.stringify(result.run)).not.toContain(secret);
	});

	it('an option list (the package’s own transport): the error holds no secret', async () => {
		api.handle((request) => ({
			status: 400,
			body: { errorcode: 400, message: `Bad header: ${said(request)}` },
		}));
		const error = await loadOptions(
			'loadOptions',
			'getSegments',
			{ resource: 'person', ...auth },
			pointedAt(creds),
		).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('HTTP 400');
		expect(JSON.stringify(error)).not.toContain(secret);
		expect(String((error as { description?: string }).description)).toContain(REDACTED);
	});
});
