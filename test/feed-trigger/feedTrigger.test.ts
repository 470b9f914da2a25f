/**
 * The Cloze Feed Trigger through n8n-core's real PollContext (the context n8n hands a polling node
 * at every poll, and in "Fetch Test Event"), against the Cloze simulator. A `Trigger` below is an
 * active workflow holding the node: its `Workflow` keeps the node's static data between polls as
 * n8n does, and a "restart" builds a new `Workflow` from a copy of that static data, as n8n does
 * when it loads the workflow from its database.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, Workflow } from 'n8n-workflow';

import { ClozeFeedTrigger } from '../../nodes/ClozeFeedTrigger/ClozeFeedTrigger.node';
import {
	additionalDataFor,
	apiKeyCredentials,
	nodeTypes,
	oAuth2Credentials,
	PACKAGE,
	registerNodeType,
	runNode,
} from '../helpers/engine';
import { useSimulator } from '../helpers/harness';

type Logged = {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IDataObject;
	auth: string | null;
	status?: number;
};
registerNodeType('clozeFeedTrigger', new ClozeFeedTrigger());

const sim = useSimulator();

const NODE_NAME = 'Cloze Feed Trigger';

/** An active workflow with the trigger, as n8n keeps it between polls. */
class Trigger {
	readonly node: INode;
	workflow: Workflow;

	constructor(
		parameters: IDataObject,
		staticData: IDataObject = {},
		readonly credentials: Record<string, ICredentialDataDecryptedObject> = apiKeyCredentials(
			sim().url,
		),
	) {
		this.node = {
			id: 'feed-trigger',
			name: NODE_NAME,
			type: `${PACKAGE}.clozeFeedTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'person', ...parameters } as INode['parameters'],
			credentials: {
				[parameters.authentication === 'oAuth2' ? 'clozeOAuth2Api' : 'clozeApi']: {
					id: '1',
					name: 'Cloze account',
				},
			},
		};
		this.workflow = this.load(staticData);
	}

	private load(staticData: IDataObject): Workflow {
		return new Workflow({
			id: 'feed-workflow',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData,
		});
	}

	/** The node's static data as n8n would store it (a plain copy). */
	get state(): IDataObject {
		return JSON.parse(
			JSON.stringify(this.workflow.getStaticData('node', this.node)),
		) as IDataObject;
	}

	/** n8n restarts: the workflow is built again from the static data it stored. */
	restart(): void {
		this.workflow = this.load(JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject);
	}

	/** One poll, as n8n's poll scheduler runs it (or "Fetch Test Event" with mode 'manual'). */
	async poll(
		options: {
			mode?: WorkflowExecuteMode;
			activation?: WorkflowActivateMode;
			budgetMs?: number;
		} = {},
	): Promise<INodeExecutionData[][] | null> {
		const mode = options.mode ?? 'trigger';
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalDataFor(this.credentials),
			mode,
			options.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			options.budgetMs === undefined ? undefined : () => options.budgetMs as number,
		);
		const nodeType = nodeTypes.getByNameAndVersion(this.node.type, 1);
		return await nodeType.poll!.call(context);
	}

	/** A poll that must emit: the items' json. */
	async emitted(options?: Parameters<Trigger['poll']>[0]): Promise<IDataObject[]> {
		const result = await this.poll(options);
		expect(result).not.toBeNull();
		expect(result).toHaveLength(1);
		return result![0].map((item) => item.json);
	}
}

function requests(): Logged[] {
	return sim().requests as Logged[];
}

/** The e-mail of each seeded or simplified record, in order. */
function emails(records: IDataObject[]): string[] {
	return records.map((record) => {
		const list = record.emails as Array<string | IDataObject>;
		return typeof list[0] === 'string'
			? (list[0] as string)
			: String((list[0] as IDataObject).value);
	});
}

/**
 * Lets the clock move on: "start from now" keeps changes made in the millisecond of the first call,
 * so records meant to be older than the activation are made a millisecond earlier.
 */
async function nextMillisecond(): Promise<void> {
	const start = Date.now();
	while (Date.now() === start) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A trigger activated on an account that already holds `existing` people; its first poll is done.
 */
async function activated(parameters: IDataObject = {}, existing = 2): Promise<Trigger> {
	sim().seedPeople(existing);
	await nextMillisecond();
	const trigger = new Trigger(parameters);
	expect(await trigger.poll()).toBeNull();
	sim().clearLog();
	return trigger;
}

describe('people feed, simplified records', () => {
	test(
		'first activation starts from now: ' + 'one request with the filters, nothing old emitted',
		async () => {
			sim().seedPeople(5);
			await nextMillisecond();
			const trigger = new Trigger({});
			expect(await trigger.poll()).toBeNull();

			expect(requests()).toHaveLength(1);
			const [first] = requests();
			expect(first.method).toBe('GET');
			expect(first.path).toBe('/v1/people/feed');
			expect(Object.keys(first.query).sort()).toEqual(['modifiedafter', 'pagesize', 'scope']);
			expect(first.query.pagesize).toBe('1000');
			expect(first.query.scope).toBe('local');
			// Cloze's clock decides where "now" is, not n8n's.
			expect(first.query.modifiedafter).toBe('now');
			expect(first.headers.authorization).toBe('Bearer test-api-key');
			expect(typeof trigger.state.cursor).toBe('string');
		},
	);

	test(
		'3 people created -> the next poll emits those 3, ' + 'asking with the stored cursor only',
		async () => {
			const trigger = await activated();
			const cursor = trigger.state.cursor;
			const created = sim().seedPeople(3);

			const items = await trigger.emitted();

			expect(items).toEqual(
				created.map((person: IDataObject) => ({
					direct: person.direct,
					name: person.name,
					first: person.first,
					last: person.last,
					emails: emails([person]),
					lastChanged: person.lastChanged,
				})),
			);
			expect(requests()).toHaveLength(1);
			expect(requests()[0].path).toBe('/v1/people/feed');
			expect(requests()[0].query).toEqual({ cursor });
			expect(trigger.state.cursor).not.toBe(cursor);
		},
	);

	test('one person updated -> the next poll emits that 1 record as it is now', async () => {
		const trigger = await activated();
		const [, changed] = sim().seedPeople(3);
		await trigger.emitted();

		sim().changeRelation('person', changed.direct, { stage: 'current', segment: 'customer' });
		const items = await trigger.emitted();

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			direct: changed.direct,
			stage: 'current',
			segment: 'customer',
		});
	});

	test(
		'nothing new -> no run (null), one request, ' + 'and the feed is still followed afterwards',
		async () => {
			const trigger = await activated();
			sim().seedPeople(1);
			await trigger.emitted();
			sim().clearLog();

			expect(await trigger.poll()).toBeNull();
			expect(await trigger.poll()).toBeNull();
			expect(requests()).toHaveLength(2);

			sim().seedPeople(1);
			expect(await trigger.emitted()).toHaveLength(1);
		},
	);

	test(
		'2,500 changes -> one poll emits all 2,500 in order, ' + 'in 3 requests of 1,000 (cursor only)',
		async () => {
			const trigger = await activated();
			const cursor = trigger.state.cursor;
			const created = sim().seedPeople(2500);

			const items = await trigger.emitted();

			expect(items).toHaveLength(2500);
			expect(emails(items)).toEqual(emails(created));
			// 1,000 + 1,000 + 500: the short page shows the feed is caught up, no 4th request.
			expect(requests()).toHaveLength(3);
			expect(requests()[0].query).toEqual({ cursor });
			for (const request of requests()) {
				expect(request.path).toBe('/v1/people/feed');
				expect(Object.keys(request.query)).toEqual(['cursor']);
			}
			expect(new Set(requests().map((request) => request.query.cursor)).size).toBe(3);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test(
		'3,000 changes (an exact multiple of the page size) ' +
			'-> 3 requests: availablecount shows the end',
		async () => {
			const trigger = await activated();
			const created = sim().seedPeople(3000);

			const items = await trigger.emitted();

			expect(items).toHaveLength(3000);
			expect(emails(items)).toEqual(emails(created));
			expect(requests()).toHaveLength(3);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test(
		'a 5xx mid-stream fails the poll and moves no cursor; the next poll resumes there, ' +
			'nothing lost or twice',
		async () => {
			const trigger = await activated();
			const before = trigger.state;
			const created = sim().seedPeople(1500);
			// Page 1 passes; page 2 fails on every try the transport makes (3).
			sim().addFault({
				method: 'GET',
				path: '/v1/people/feed',
				after: 1,
				times: 3,
				status: 503,
				retryAfter: 0,
			});

			const failure = trigger.poll();
			await expect(failure).rejects.toThrow(NodeApiError);
			await expect(failure).rejects.toMatchObject({
				httpCode: '503',
				message: 'Cloze had a server error (HTTP 503)',
			});
			expect(requests().map((request) => request.status)).toEqual([200, 503, 503, 503]);
			expect(trigger.state).toEqual(before);

			sim().clearLog();
			const items = await trigger.emitted();
			expect(requests()[0].query).toEqual({ cursor: before.cursor });
			expect(emails(items)).toEqual(emails(created));
			expect(requests()).toHaveLength(2);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test(
		'an HTTP 200 carrying an errorcode fails ' + 'the poll through the same check, cursor kept',
		async () => {
			const trigger = await activated();
			const before = trigger.state;
			sim().seedPeople(2);
			sim().addFault({
				method: 'GET',
				path: '/v1/people/feed',
				status: 200,
				body: { errorcode: 3, message: 'Server busy' },
			});

			await expect(trigger.poll()).rejects.toMatchObject({ message: 'Cloze error 3: Server busy' });
			expect(trigger.state).toEqual(before);
			expect(await trigger.emitted()).toHaveLength(2);
		},
	);

	test(
		'a restart (new Workflow from the stored static data) ' + 'continues from the stored cursor',
		async () => {
			const trigger = await activated();
			sim().seedPeople(2);
			await trigger.emitted();
			const stored = trigger.state;
			const whileDown = sim().seedPeople(3);

			trigger.restart();
			sim().clearLog();
			const items = await trigger.poll({ activation: 'init' });

			expect(requests()[0].query).toEqual({ cursor: stored.cursor });
			expect(emails(items![0].map((item) => item.json))).toEqual(emails(whileDown));
		},
	);

	test('Fetch Test Event returns the newest record and leaves the cursor untouched', async () => {
		const trigger = await activated();
		const [, newest] = sim().seedPeople(3);
		await trigger.emitted();
		sim().changeRelation('person', newest.direct, { stage: 'lead' });
		const before = trigger.state;
		sim().clearLog();

		const items = await trigger.emitted({ mode: 'manual' });

		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ direct: newest.direct, stage: 'lead' });
		expect(requests()).toHaveLength(1);
		expect(requests()[0].path).toBe('/v1/people/find');
		expect(requests()[0].query).toEqual({ scope: 'local', sort: 'lastchanged', pagesize: '1' });
		expect(trigger.state).toEqual(before);
		// The active trigger still gets the change.
		expect(await trigger.emitted()).toEqual([
			expect.objectContaining({ direct: newest.direct, stage: 'lead' }),
		]);
	});

	test('Fetch Test Event through the engine (WorkflowExecute, manual mode)', async () => {
		const [, newest] = sim().seedPeople(2);
		const result = await runNode({
			parameters: { resource: 'person' },
			credentials: apiKeyCredentials(sim().url),
			type: 'clozeFeedTrigger',
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([expect.objectContaining({ direct: newest.direct })]);
	});

	test('Fetch Test Event with no record at all returns nothing', async () => {
		const trigger = new Trigger({});
		expect(await trigger.poll({ mode: 'manual' })).toBeNull();
		expect(trigger.state).toEqual({});
	});

	test(
		'Include Existing Records: ' + 'the first poll emits every record, oldest change first',
		async () => {
			const existing = sim().seedPeople(4);
			sim().changeRelation('person', existing[0].direct, { stage: 'future' });
			const trigger = new Trigger({ includeExisting: true });

			const items = await trigger.emitted();

			expect(emails(items)).toEqual(emails([existing[1], existing[2], existing[3], existing[0]]));
			expect(requests()[0].query).toEqual({ scope: 'local', pagesize: '1000' });
			expect(await trigger.poll()).toBeNull();
		},
	);

	test('Simplify off: the records as Cloze sends them', async () => {
		const trigger = await activated({ simplify: false });
		const [created] = sim().seedPeople(1);
		expect(await trigger.emitted()).toEqual([created]);
	});

	test(
		'a backlog of more than 20 pages is emitted ' + '20,000 records per poll, nothing lost',
		async () => {
			const trigger = new Trigger({ includeExisting: true, simplify: false });
			const created = sim().seedPeople(20500);

			const first = await trigger.emitted();
			expect(first).toHaveLength(20000);
			expect(requests()).toHaveLength(20);
			const rest = await trigger.emitted();
			expect(rest).toHaveLength(500);
			expect(emails([...first, ...rest])).toEqual(emails(created));
		},
	);

	test(
		'a backlog larger than the poll budget is ' + 'emitted over several polls, nothing lost',
		async () => {
			const trigger = await activated();
			const created = sim().seedPeople(2500);

			const first = await trigger.emitted({ budgetMs: 1 });
			expect(requests()).toHaveLength(1);
			const rest = await trigger.emitted();

			expect(emails([...first, ...rest])).toEqual(emails(created));
			expect(first).toHaveLength(1000);
		},
	);
});

describe('filters', () => {
	test(
		'segment, stage, free-form query and ' + 'hierarchy scope go in the first call only',
		async () => {
			const parameters = {
				scope: 'hierarchy',
				hierarchyPath: '/USA/West',
				hierarchyAndBelow: true,
				filters: { segment: 'customer', stage: 'current', freeformquery: ' acme ' },
			};
			const trigger = new Trigger(parameters);
			expect(await trigger.poll()).toBeNull();
			sim().seedPeople(1);
			await trigger.poll();

			const [first, next] = requests();
			expect(first.query).toEqual({
				scope: 'hierarchy:/USA/West/*',
				segment: 'customer',
				stage: 'current',
				freeformquery: 'acme',
				pagesize: '1000',
				modifiedafter: 'now',
			});
			expect(Object.keys(next.query)).toEqual(['cursor']);
		},
	);

	test('a Hierarchy Path of "/" watches the whole hierarchy (hierarchy:/*)', async () => {
		const trigger = new Trigger({
			scope: 'hierarchy',
			hierarchyPath: '/',
			hierarchyAndBelow: true,
		});
		expect(await trigger.poll()).toBeNull();
		expect(requests()[0].query.scope).toBe('hierarchy:/*');
		// `hierarchy:/*` is the placeholder `hierarchy:X/Y/Z/*` at the root: within the contract.
		expect(sim().violations).toEqual([]);
	});

	test('the companies feed also filters by step', async () => {
		const trigger = new Trigger({
			resource: 'company',
			filters: { step: 's-00001', segment: 'customer' },
		});
		expect(await trigger.poll()).toBeNull();
		const [first] = requests();
		expect(first.path).toBe('/v1/companies/feed');
		expect(first.query).toEqual({
			scope: 'local',
			segment: 'customer',
			step: 's-00001',
			pagesize: '1000',
			modifiedafter: 'now',
		});
		// The companies feed's own description names step among its filters (the contract adds it).
		expect(sim().violations).toEqual([]);
	});

	test('only matching records are emitted', async () => {
		const trigger = await activated({ filters: { stage: 'current' } });
		sim().seedPeople(2, { stage: 'lead' });
		const [wanted] = sim().seedPeople(1, { stage: 'current' });
		expect(await trigger.emitted()).toEqual([expect.objectContaining({ direct: wanted.direct })]);
	});

	test('changing a filter of an active trigger starts the feed anew, from now', async () => {
		const trigger = await activated();
		sim().seedPeople(2, { stage: 'current' });
		await nextMillisecond();
		(trigger.node.parameters as IDataObject).filters = { stage: 'current' };

		expect(await trigger.poll()).toBeNull();
		expect(requests()[0].query).toMatchObject({ stage: 'current', modifiedafter: 'now' });
		const [later] = sim().seedPeople(1, { stage: 'current' });
		expect(await trigger.emitted()).toEqual([expect.objectContaining({ direct: later.direct })]);
	});

	test.each([' ', ''])('Hierarchy Path %j is refused before any request', async (hierarchyPath) => {
		const trigger = new Trigger({ scope: 'hierarchy', hierarchyPath });
		await expect(trigger.poll()).rejects.toThrow(NodeOperationError);
		await expect(trigger.poll()).rejects.toThrow(
			'Hierarchy Path is required when Scope is Hierarchy',
		);
		expect(requests()).toHaveLength(0);
	});
});

describe('Include Audited Changes', () => {
	test(
		'created and updated records come with their audited changes; ' +
			'other changes are not emitted',
		async () => {
			const trigger = await activated({ includeAuditedChanges: true });
			expect(trigger.state.cursor).toBeDefined();

			const created = sim().seedPeople(3, { stage: 'lead' });
			const items = await trigger.emitted();
			expect(items).toEqual(
				created.map((person: IDataObject) =>
					expect.objectContaining({
						direct: person.direct,
						stage: 'lead',
						changes: { stage: { before: 'none', after: 'lead' } },
					}),
				),
			);

			sim().changeRelation('person', created[1].direct, { stage: 'current' });
			expect(await trigger.emitted()).toEqual([
				expect.objectContaining({
					direct: created[1].direct,
					stage: 'current',
					changes: { stage: { before: 'lead', after: 'current' } },
				}),
			]);

			// A change to a field that is not audited: Cloze sends the record, the trigger does not emit
			// it.
			sim().changeRelation('person', created[2].direct, { headline: 'CEO' });
			sim().clearLog();
			expect(await trigger.poll()).toBeNull();
			expect(requests()).toHaveLength(1);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test("the first call asks for audited changes; Simplify off gives Cloze's entries", async () => {
		const trigger = new Trigger({ includeAuditedChanges: true, simplify: false });
		expect(await trigger.poll()).toBeNull();
		expect(requests()[0].query).toMatchObject({ includeauditedchanges: 'true', pagesize: '1000' });

		const [created] = sim().seedPeople(1, { segment: 'customer' });
		const items = await trigger.emitted();
		expect(items).toEqual([
			{
				person: created,
				changes: { segment: { before: 'none', after: 'customer' }, _since: expect.any(Number) },
			},
		]);
	});

	test(
		'Fetch Test Event shows the newest record ' + 'with its audited changes, cursor untouched',
		async () => {
			const trigger = await activated({ includeAuditedChanges: true });
			const [, person] = sim().seedPeople(2, { stage: 'lead' });
			sim().changeRelation('person', person.direct, { stage: 'current' });
			const before = trigger.state;

			const items = await trigger.emitted({ mode: 'manual' });

			expect(items).toEqual([
				expect.objectContaining({
					direct: person.direct,
					stage: 'current',
					changes: expect.any(Object),
				}),
			]);
			expect((items[0].changes as IDataObject).stage).toMatchObject({ after: 'current' });
			expect(trigger.state).toEqual(before);
			expect(requests().map((request) => request.path)).toEqual([
				'/v1/people/find',
				'/v1/people/feed',
			]);
		},
	);
});

describe('companies, projects, OAuth2', () => {
	test('companies come from /v1/companies/feed', async () => {
		const trigger = new Trigger({ resource: 'company' });
		expect(await trigger.poll()).toBeNull();
		const [company] = sim().seedCompanies(1);
		expect(await trigger.emitted()).toEqual([
			expect.objectContaining({ direct: company.direct, name: company.name }),
		]);
		expect(requests().map((request) => request.path)).toEqual([
			'/v1/companies/feed',
			'/v1/companies/feed',
		]);
	});

	test('projects come from /v1/projects/feed', async () => {
		const trigger = new Trigger({ resource: 'project' });
		expect(await trigger.poll()).toBeNull();
		const [project] = sim().seedProjects(1);
		expect(await trigger.emitted()).toEqual([
			expect.objectContaining({ direct: project.direct, name: project.name }),
		]);
		expect(requests().map((request) => request.path)).toEqual([
			'/v1/projects/feed',
			'/v1/projects/feed',
		]);
	});

	test('with the OAuth2 credential', async () => {
		const trigger = new Trigger({ authentication: 'oAuth2' }, {}, oAuth2Credentials(sim().url));
		expect(await trigger.poll()).toBeNull();
		sim().seedPeople(1);
		expect(await trigger.emitted()).toHaveLength(1);
		expect(requests().map((request) => request.auth)).toEqual(['bearer-oauth', 'bearer-oauth']);
	});
});

describe('hostile input, faults and duplicates', () => {
	const node = (trigger: Trigger) =>
		trigger.workflow.getStaticData('node', trigger.node) as IDataObject;
	const page = (trigger: Trigger, people: unknown) => ({
		errorcode: 0,
		availablecount: 2,
		cursor: trigger.state.cursor,
		people,
	});

	afterEach(() => jest.restoreAllMocks());

	test(
		'a first poll that fails does not move the start: ' +
			'changes made meanwhile come with the next poll',
		async () => {
			const trigger = new Trigger({});
			sim().addFault({ method: 'GET', path: '/v1/people/feed', status: 401 });
			await expect(trigger.poll()).rejects.toThrow(NodeApiError);
			await nextMillisecond();
			const meanwhile = sim().seedPeople(2);
			await nextMillisecond();

			expect(emails(await trigger.emitted())).toEqual(emails(meanwhile));
			// The retry starts from the first attempt (less the clock tolerance), not from "now".
			expect(Number(requests()[1].query.modifiedafter)).toBeLessThan(meanwhile[0].lastChanged);
			expect(await trigger.poll()).toBeNull();
		},
	);

	test('an n8n clock 5 s ahead of Cloze loses nothing: Cloze decides where "now" is', async () => {
		const realNow = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 5000);
		const trigger = new Trigger({});
		expect(await trigger.poll()).toBeNull();
		const created = sim().seedPeople(2);
		expect(emails(await trigger.emitted())).toEqual(emails(created));
	});

	test(
		'a cursor Cloze refuses: the feed restarts from the last change delivered, ' +
			'says so, emits nothing twice',
		async () => {
			const trigger = await activated({}, 0);
			const first = sim().seedPeople(2);
			expect(emails(await trigger.emitted())).toEqual(emails(first));
			node(trigger).cursor = 'no-longer-valid';
			await nextMillisecond();
			const later = sim().seedPeople(1);
			sim().clearLog();

			const items = await trigger.emitted();
			expect(emails(items)).toEqual(emails(later));
			expect(items[0].feedNotice).toMatch(
				new RegExp(
					'^Cloze no longer accepted the stored feed cursor \\(Cloze error 6: Invalid cursor\\); ' +
						'the feed was started again from the last change delivered .*records delivered ' +
						'already were left out\\.$',
				),
			);
			const [refused, restarted] = requests();
			expect(refused.query).toEqual({ cursor: 'no-longer-valid' });
			expect(restarted.query).toMatchObject({
				modifiedafter: String(Number(first[1].lastChanged) - 1),
			});
			// Back to normal: the next change comes without a notice, from the new cursor.
			const next = sim().seedPeople(1);
			const again = await trigger.emitted();
			expect(emails(again)).toEqual(emails(next));
			expect(again[0].feedNotice).toBeUndefined();
		},
	);

	test(
		'a record Cloze sends again with the same change ' +
			'time is emitted once (Skip Duplicates, on by default)',
		async () => {
			const trigger = await activated({}, 0);
			const [person] = sim().seedPeople(1);
			await trigger.emitted();
			sim().addFault({
				method: 'GET',
				path: '/v1/people/feed',
				status: 200,
				body: page(trigger, [person]),
			});
			expect(await trigger.poll()).toBeNull();
			// A real change of the record is emitted.
			sim().changeRelation('person', person.direct, { stage: 'current' });
			expect(await trigger.emitted()).toEqual([
				expect.objectContaining({ direct: person.direct, stage: 'current' }),
			]);
		},
	);

	test('Skip Duplicates off: a repeated record is emitted again', async () => {
		const trigger = await activated({ skipDuplicates: false }, 0);
		const [person] = sim().seedPeople(1);
		await trigger.emitted();
		sim().addFault({
			method: 'GET',
			path: '/v1/people/feed',
			status: 200,
			body: page(trigger, [person]),
		});
		expect(await trigger.emitted()).toEqual([expect.objectContaining({ direct: person.direct })]);
	});

	test(
		'a page with a null entry and customFields: [null]: the record and a noted raw item are ' +
			'emitted, the feed moves on',
		async () => {
			const trigger = await activated({}, 0);
			const [person] = sim().seedPeople(1);
			sim().addFault({
				method: 'GET',
				path: '/v1/people/feed',
				status: 200,
				body: page(trigger, [null, { ...person, customFields: [null, { id: 'score', value: 1 }] }]),
			});
			expect(await trigger.emitted()).toEqual([
				{ raw: null, note: expect.stringContaining('Cloze sent null where a record was expected') },
				expect.objectContaining({ direct: person.direct, customFields: { score: 1 } }),
			]);
			// Not the same page again on every poll: the next poll is quiet, then follows new changes.
			expect(await trigger.poll()).toBeNull();
			const [next] = sim().seedPeople(1);
			expect(await trigger.emitted()).toEqual([expect.objectContaining({ direct: next.direct })]);
		},
	);

	test(
		'a page whose list is not a list fails the poll ' +
			'with a clear NodeApiError and keeps the cursor',
		async () => {
			const trigger = await activated({}, 0);
			const before = trigger.state;
			sim().addFault({
				method: 'GET',
				path: '/v1/people/feed',
				status: 200,
				body: page(trigger, { broken: true }),
			});
			await expect(trigger.poll()).rejects.toThrow(
				'Cloze\'s answer holds an object under "people" instead of a list',
			);
			expect(trigger.state).toEqual(before);
			sim().seedPeople(1);
			expect(await trigger.emitted()).toHaveLength(1);
		},
	);
});

describe('Human-Readable Values (Options)', () => {
	/** The account-list requests logged (everything but the feed and find reads). */
	const metadata = () =>
		requests()
			.filter(
				(request) => request.path.startsWith('/v1/user/') || request.path.startsWith('/v1/team/'),
			)
			.map((request) => request.path)
			.sort();
	const seedClient = (count: number) =>
		sim().seedPeople(count, {
			segment: 'customer',
			stage: 'lead',
			step: 's-00001',
			assignTo: 'dave@incfire.com',
			customFields: [{ id: 'lead-source', type: 'keyword', value: 'referral' }],
		});

	test(
		'off (the default): the codes and UTC ms, ' + 'as Cloze sends them, and no account list read',
		async () => {
			const trigger = await activated({});
			seedClient(1);
			const [item] = await trigger.emitted();
			expect(item).toMatchObject({
				segment: 'customer',
				stage: 'lead',
				step: 's-00001',
				assignee: 'dave@incfire.com',
			});
			expect(item.customFields).toEqual({ 'lead-source': 'referral' });
			expect(typeof item.lastChanged).toBe('number');
			expect(metadata()).toEqual([]);
		},
	);

	test(
		'labels in the records, each list read once per ' +
			'poll for all its records, again at the next poll',
		async () => {
			const trigger = await activated({ options: { humanReadable: true } });
			const created = seedClient(3);
			const items = await trigger.emitted();
			expect(items).toHaveLength(3);
			items.forEach((item, index) => {
				expect(item).toEqual({
					direct: created[index].direct,
					name: created[index].name,
					first: created[index].first,
					last: created[index].last,
					emails: emails([created[index]]),
					segment: 'Client',
					stage: 'Lead',
					step: 'Qualify',
					assignee: 'Dave Varenos',
					customFields: { 'lead-source': 'Referral' },
					lastChanged: new Date(created[index].lastChanged as number).toISOString(),
				});
			});
			expect(metadata()).toEqual([
				'/v1/team/members/list',
				'/v1/user/fields',
				'/v1/user/segments/people',
				'/v1/user/stages/people',
				'/v1/user/steps',
			]);
			// The next poll reads the lists again (a label renamed in Cloze shows), still once each.
			sim().clearLog();
			seedClient(2);
			expect((await trigger.emitted()).map((item) => item.segment)).toEqual(['Client', 'Client']);
			expect(metadata()).toHaveLength(5);
			expect(new Set(metadata()).size).toBe(5);
			// A quiet poll emits nothing and reads no list.
			sim().clearLog();
			expect(await trigger.poll()).toBeNull();
			expect(metadata()).toEqual([]);
		},
	);

	test(
		"audited changes: the record and the changes' " +
			'before and after are labelled, simplified and raw',
		async () => {
			const trigger = await activated({
				includeAuditedChanges: true,
				options: { humanReadable: true },
			});
			const [person] = sim().seedPeople(1, { segment: 'customer', stage: 'lead' });
			sim().clearLog();
			expect(await trigger.emitted()).toEqual([
				expect.objectContaining({
					direct: person.direct,
					segment: 'Client',
					stage: 'Lead',
					changes: expect.any(Object),
				}),
			]);
			sim().changeRelation('person', person.direct, { stage: 'current' });
			const [item] = await trigger.emitted();
			expect(item).toMatchObject({
				segment: 'Client',
				stage: 'Active',
				changes: { stage: { before: 'Lead', after: 'Active' } },
			});

			const raw = await activated(
				{ includeAuditedChanges: true, simplify: false, options: { humanReadable: true } },
				0,
			);
			sim().changeRelation('person', person.direct, { stage: 'past' });
			const [entry] = await raw.emitted();
			expect(entry.person).toMatchObject({
				direct: person.direct,
				stage: 'Inactive',
				segment: 'Client',
			});
			expect((entry.changes as IDataObject).stage).toEqual({ before: 'Active', after: 'Inactive' });
		},
	);

	test(
		'a list Cloze refuses leaves its codes; ' + 'the records are emitted and the cursor moves on',
		async () => {
			const trigger = await activated({ options: { humanReadable: true } });
			seedClient(2);
			sim().addFault({
				path: '/v1/user/stages/people',
				status: 200,
				body: { errorcode: 7, message: 'Not available' },
			});
			const items = await trigger.emitted();
			expect(items.map((item) => [item.segment, item.stage, item.step])).toEqual([
				['Client', 'lead', 'Qualify'],
				['Client', 'lead', 'Qualify'],
			]);
			expect(metadata().filter((path) => path === '/v1/user/stages/people')).toHaveLength(1);
			const cursor = trigger.state.cursor;
			sim().clearLog();
			expect(await trigger.poll()).toBeNull();
			expect(requests()[0].query).toEqual({ cursor });
		},
	);

	test('Fetch Test Event shows the newest record with labels', async () => {
		const trigger = await activated({ options: { humanReadable: true } });
		seedClient(1);
		sim().clearLog();
		const items = await trigger.emitted({ mode: 'manual' });
		expect(items).toEqual([
			expect.objectContaining({ segment: 'Client', stage: 'Lead', assignee: 'Dave Varenos' }),
		]);
	});
});
