'use strict';

/* eslint-env jest */
const { validateRequest, validateResponse, contract, Validator } = require('./validate');
const { ENDPOINTS } = require('./endpoints');

const rules = (violations) => violations.map((v) => `${v.rule} ${v.at}`);

describe('the contract file', () => {
	test(
		'has the operations of endpoints.txt, ' + 'the one endpoint list in the repo, and no other',
		() => {
			expect(ENDPOINTS.length).toBeGreaterThan(0);
			expect(Object.keys(contract.operations).sort()).toEqual([...ENDPOINTS].sort());
		},
	);

	test('every $ref it holds resolves to a definition it holds', () => {
		const refs = JSON.stringify(contract).match(/"\$ref":"#\/definitions\/[^"]+"/g) || [];
		expect(refs.length).toBeGreaterThan(20);
		for (const ref of refs)
			expect(contract.definitions).toHaveProperty(ref.split('/').pop().replace('"', ''));
	});
});

describe('validateRequest', () => {
	test(
		'a person create with nested records, ' + 'typed custom fields and linked companies passes',
		() => {
			expect(
				validateRequest({
					method: 'POST',
					path: '/v1/people/create',
					query: {},
					body: {
						name: 'Ada Lovelace',
						emails: [{ value: 'ada@example.com', work: true, type: 'work' }],
						phones: [{ value: '+15550100', mobile: true }],
						addresses: [{ city: 'London', latitude: 51.5, longitude: -0.12 }],
						socials: [{ type: 'twitter', value: 'ada' }],
						customFields: [
							{ id: 'score', type: 'number', value: 5 },
							{ id: 'tag', type: 'text', value: 'x' },
						],
						companies: [{ name: 'Analytical Engines', domains: ['engines.example'] }],
						stage: 'lead',
						dryrun: true,
					},
				}),
			).toEqual([]);
		},
	);

	test('a find with every kind of query value passes; query values are strings on the wire', () => {
		expect(
			validateRequest({
				method: 'GET',
				path: '/v1/projects/find',
				query: {
					pagesize: '1000',
					pagenumber: '2',
					countonly: 'false',
					scope: 'hierarchy:/USA/West/*',
					stage: 'won',
					sort: 'name',
					hidelostdone: 'true',
					assigned: 'true',
					api_key: 'k',
					user: 'a@b.c',
				},
			}),
		).toEqual([]);
	});

	test('an unknown body property is reported at every depth, through $refs', () => {
		const v = validateRequest({
			method: 'POST',
			path: '/v1/people/create',
			body: {
				name: 'x',
				twitter: 'ada',
				emails: [{ value: 'a@b.c', kind: 'work' }],
				companies: [{ name: 'c', website: 'w' }],
			},
		});
		expect(rules(v)).toEqual([
			'unknown body.twitter',
			'unknown body.emails[0].kind',
			'unknown body.companies[0].website',
		]);
		expect(v[0]).toMatchObject({
			operation: 'POST /v1/people/create',
			message: expect.stringContaining('twitter'),
		});
	});

	test(
		'a wrong JSON type is reported; ' +
			'a number as a string only passes where the schema allows a string',
		() => {
			const v = validateRequest({
				method: 'POST',
				path: '/v1/people/create',
				body: {
					name: 5,
					dryrun: 'true',
					addresses: [{ latitude: '51.5' }],
					customFields: [{ id: 'n', type: 'number', value: '5' }],
				},
			});
			expect(rules(v)).toEqual([
				'type body.name',
				'type body.dryrun',
				'type body.addresses[0].latitude',
			]);
			expect(
				validateRequest({
					method: 'POST',
					path: '/v1/timeline/todo/create',
					body: { subject: 's', when: 1700000000000 },
				}),
			).toEqual([]);
			expect(
				rules(
					validateRequest({
						method: 'POST',
						path: '/v1/timeline/todo/create',
						body: { subject: 's', when: true },
					}),
				),
			).toEqual(['type body.when']);
		},
	);

	test('a value outside an enum is reported, in bodies and in queries', () => {
		expect(
			rules(
				validateRequest({
					method: 'POST',
					path: '/v1/people/create',
					body: { stage: 'won', socials: [{ type: 'myspace', value: 'x' }] },
				}),
			),
		).toEqual(['enum body.stage', 'enum body.socials[0].type']);
		expect(
			rules(
				validateRequest({
					method: 'GET',
					path: '/v1/people/find',
					query: { sort: 'newest', sortdir: 'asc', scope: 'everyone' },
				}),
			),
		).toEqual(['enum query.sort', 'unknown query.sortdir', 'enum query.scope']);
	});

	test('a missing required property, query parameter or body is reported', () => {
		expect(
			rules(
				validateRequest({
					method: 'POST',
					path: '/v1/timeline/todo/create',
					body: { preview: 'p' },
				}),
			),
		).toEqual(['required body.subject']);
		expect(
			rules(
				validateRequest({
					method: 'POST',
					path: '/v1/people/create',
					body: { emails: [{ work: true }] },
				}),
			),
		).toEqual(['required body.emails[0].value']);
		expect(
			rules(validateRequest({ method: 'GET', path: '/v1/people/get', query: { team: 'true' } })),
		).toEqual(['required query.uniqueid']);
		expect(rules(validateRequest({ method: 'POST', path: '/v1/analytics/activity' }))).toEqual([
			'required body',
		]);
	});

	test('query values that do not read as their type, and repeated parameters, are reported', () => {
		expect(
			rules(
				validateRequest({
					method: 'GET',
					path: '/v1/people/find',
					query: { pagesize: '10.5', countonly: 'yes', assigned: ['true', 'false'] },
				}),
			),
		).toEqual(['type query.pagesize', 'type query.countonly', 'type query.assigned']);
		expect(
			rules(
				validateRequest({
					method: 'GET',
					path: '/v1/messages/opens',
					query: { from: 'yesterday' },
				}),
			),
		).toEqual(['type query.from']);
	});

	test('unknown operations and bodies sent where none is taken are reported', () => {
		expect(rules(validateRequest({ method: 'GET', path: '/v1/people/search' }))).toEqual([
			'operation ',
		]);
		expect(rules(validateRequest({ method: 'POST', path: '/v1/people/get', body: {} }))).toEqual([
			'operation ',
		]);
		expect(
			rules(
				validateRequest({
					method: 'DELETE',
					path: '/v1/people/delete',
					query: { uniqueid: 'a@b.c' },
					body: { x: 1 },
				}),
			),
		).toEqual(['body body']);
		expect(validateRequest({ method: 'GET', path: '/v1/user/profile', body: {} })).toEqual([]);
	});

	test(
		'named analytics queries: {queries: {NAME: ' + 'query}}, each query checked against its schema',
		() => {
			expect(
				validateRequest({
					method: 'POST',
					path: '/v1/analytics/funnel',
					body: { usertags: ['a'], queries: { q1: { scale: 'month', metrics: ['leadcount'] } } },
				}),
			).toEqual([]);
			expect(
				rules(
					validateRequest({
						method: 'POST',
						path: '/v1/analytics/funnel',
						body: { queries: { q1: { scale: 'fortnight', measures: ['x'] } } },
					}),
				),
			).toEqual(['enum body.queries.q1.scale', 'unknown body.queries.q1.measures']);
			expect(
				rules(
					validateRequest({
						method: 'POST',
						path: '/v1/analytics/activity',
						body: { q1: { scale: 'month' } },
					}),
				),
			).toEqual(['required body.queries', 'unknown body.q1']);
		},
	);

	test('anyOf: team member custom fields as one CustomField or an array of them', () => {
		const update = (customFields) =>
			validateRequest({
				method: 'POST',
				path: '/v1/team/members/update',
				body: { key: 'k', customFields },
			});
		expect(update({ id: 'a', type: 'text', value: 'x' })).toEqual([]);
		expect(update([{ id: 'a', type: 'text', value: 'x' }])).toEqual([]);
		expect(rules(update([{ id: 'a', type: 'text', label: 'x' }]))).toEqual([
			'unknown body.customFields[0].label',
		]);
	});

	test('form bodies are read as wire strings against the body schema', () => {
		expect(
			validateRequest({
				method: 'POST',
				path: '/v1/timeline/todo/create',
				contentType: 'application/x-www-form-urlencoded',
				body: { subject: 's', dryrun: 'true' },
			}),
		).toEqual([]);
		expect(
			rules(
				validateRequest({
					method: 'POST',
					path: '/v1/timeline/todo/create',
					contentType: 'application/x-www-form-urlencoded',
					body: { subject: 's', dryrun: 'maybe', due: 'x' },
				}),
			),
		).toEqual(['type body.dryrun', 'unknown body.due']);
	});

	test(
		'allOf members are merged: properties of every member are known, ' +
			'required of every member apply',
		() => {
			const v = new Validator({
				globalQuery: {},
				definitions: {
					A: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
				},
				operations: {
					'POST /x': {
						query: {},
						body: {
							allOf: [{ $ref: '#/definitions/A' }, { properties: { b: { type: 'integer' } } }],
						},
						response: null,
					},
				},
			});
			expect(v.request({ method: 'POST', path: '/x', body: { a: 's', b: 1 } })).toEqual([]);
			expect(rules(v.request({ method: 'POST', path: '/x', body: { b: 1.5, c: 1 } }))).toEqual([
				'required body.a',
				'type body.b',
				'unknown body.c',
			]);
		},
	);
});

describe('validateResponse', () => {
	test('checks an answer against the response schema', () => {
		expect(
			validateResponse('GET', '/v1/team/nodes', {
				errorcode: 0,
				list: [{ node: '/a', fullPathLabel: 'A', leafLabel: 'A', depth: 1 }],
			}),
		).toEqual([]);
		expect(
			rules(validateResponse('GET', '/v1/team/nodes', { list: [{ path: '/a', name: 'A' }] })),
		).toEqual([
			'required response.errorcode',
			'unknown response.list[0].path',
			'unknown response.list[0].name',
		]);
	});
});
