import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../shared/errors';

import { bodyOf } from './lists';
import {
	humanReadableOption,
	isDateKey,
	isoDate,
	labelOf,
	projectLabels,
	wantsReadable,
} from '../../shared/readable';
import { listOf } from './values';

/**
 * The query form of the five analytics queries (activity, funnel, leads, projects, team
 * activity), defined once: a form that builds one or more named queries, or the whole body as
 * JSON; the body is built and checked before the request, and the answer becomes one item per
 * query.
 */

type Measure = [key: string, name: string, description: string];

const CALL_MEASURES: Measure[] = [
	['outbcalls_short', 'Short Outbound Calls', 'Outbound calls that were short'],
	['outbcalls_medium', 'Medium Outbound Calls', 'Outbound calls of medium duration'],
	['outbcalls_long', 'Long Outbound Calls', 'Outbound calls that were long'],
	[
		'outbcalls_short_mins',
		'Short Outbound Call Minutes',
		'Minutes in outbound calls that were short',
	],
	[
		'outbcalls_medium_mins',
		'Medium Outbound Call Minutes',
		'Minutes in outbound calls of medium duration',
	],
	['outbcalls_long_mins', 'Long Outbound Call Minutes', 'Minutes in outbound calls that were long'],
	['inbcalls_short', 'Short Inbound Calls', 'Inbound calls that were short'],
	['inbcalls_medium', 'Medium Inbound Calls', 'Inbound calls of medium duration'],
	['inbcalls_long', 'Long Inbound Calls', 'Inbound calls that were long'],
	['inbcalls_short_mins', 'Short Inbound Call Minutes', 'Minutes in inbound calls that were short'],
	[
		'inbcalls_medium_mins',
		'Medium Inbound Call Minutes',
		'Minutes in inbound calls of medium duration',
	],
	['inbcalls_long_mins', 'Long Inbound Call Minutes', 'Minutes in inbound calls that were long'],
];

/** Activity measures (POST /v1/analytics/activity), as the reference lists them. */
export const ACTIVITY_MEASURES: Measure[] = [
	['sentmails', 'Emails Sent', 'Emails sent'],
	['rcvdstandard', 'Emails Received', 'Emails received (non-bulk)'],
	['rcvdbulk', 'Bulk Emails Received', 'Bulk emails received'],
	['meetings', 'Meetings', 'Meetings scheduled'],
	['meetingmins', 'Meeting Minutes', 'Meeting minutes scheduled'],
	['inbcalls', 'Inbound Calls', 'Inbound voice calls'],
	['inbcallmins', 'Inbound Call Minutes', 'Inbound voice call minutes'],
	['outbcalls', 'Outbound Calls', 'Outbound voice calls'],
	['outbcallmins', 'Outbound Call Minutes', 'Outbound voice call minutes'],
	...CALL_MEASURES,
	['sentmessages', 'Text Messages Sent', 'Sent text messages'],
	['rcvdmessages', 'Text Messages Received', 'Received text messages'],
	['creatednotes', 'Notes Created', 'Notes created'],
	['updatednotes', 'Notes Updated', 'Notes updated'],
	['newtodos', 'To-Dos Created', 'To-dos created'],
	['donetodos', 'To-Dos Completed', 'To-dos completed'],
	['donesteps', 'Steps Completed', 'Steps completed'],
	['mailopens', 'Email Opens', 'Email opens'],
];

/**
 * Team activity measures (POST /v1/analytics/teamactivity): the activity ones and the pipeline
 * value.
 */
export const TEAM_ACTIVITY_MEASURES: Measure[] = [
	...ACTIVITY_MEASURES,
	['meta_value', 'Pipeline Value', 'The pipeline value'],
];

const STAGES = ['lead', 'future', 'current', 'pending', 'won', 'lost'];
const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const MOVES: Array<[string, string]> = [
	['lead', 'future'],
	['lead', 'lost'],
	['future', 'current'],
	['future', 'won'],
	['future', 'lost'],
	['current', 'pending'],
	['current', 'lost'],
	['current', 'won'],
	['pending', 'won'],
	['pending', 'lost'],
];

/** Funnel metrics (POST /v1/analytics/funnel), as the reference lists them (each once). */
export const FUNNEL_METRICS: Measure[] = [
	...STAGES.map(
		(stage): Measure => [
			`${stage}count`,
			`Into ${title(stage)} Stage`,
			`Contacts that went into the ${stage} stage after the start of the period`,
		],
	),
	['stepwoncount', 'Reached Won Step', 'Funnels that made it to the won step'],
	['steplostcount', 'Went to Lost Step', 'Funnels that went to the lost step'],
	[
		'period_steplostcount',
		'Went to Lost Step in Period',
		'Funnels that went to the lost step during the period',
	],
	['stepnextcount', 'Went Into Next Step', 'Funnels that went into the next step'],
	['stepintocount', 'Stepped Into Step', 'Funnels that stepped into a step'],
	[
		'period_stepintocount',
		'Stepped Into Step in Period',
		'Funnels that stepped into a step in the period',
	],
	['stepcount', 'Currently in Step', 'Funnels currently in a step'],
	['averagesteptime', 'Average Step Time', 'The average time in a step'],
	['mediansteptime', 'Median Step Time', 'The median time in a step'],
	['cumulative_lead', 'Open Leads', 'The number of current open leads'],
	...['current', 'future', 'pending', 'won', 'lost'].map(
		(stage): Measure => [
			`cumulative_${stage}`,
			`In ${title(stage)} Stage`,
			`Funnels in the ${stage} stage`,
		],
	),
	...MOVES.map(
		([from, to]): Measure => [
			`${from}_${to}`,
			`${title(from)} to ${title(to)}`,
			`Funnels that went from the ${from} stage to the ${to} stage`,
		],
	),
	...MOVES.map(
		([from, to]): Measure => [
			`period_${from}_${to}`,
			`${title(from)} to ${title(to)} in Period`,
			`Funnels that went from the ${from} stage to the ${to} stage in the period`,
		],
	),
	...['lead', 'future', 'current', 'pending'].map(
		(stage): Measure => [
			`${stage}_time`,
			`Time in ${title(stage)} Stage`,
			`Median time funnels have been in the ${stage} stage, in milliseconds`,
		],
	),
	...['lead', 'future', 'current', 'pending', 'won'].flatMap((stage): Measure[] => [
		[
			`${stage}_uncombined_conversion`,
			`${title(stage)} Uncombined Conversion`,
			`Uncombined conversion of the ${stage} stage`,
		],
		[
			`${stage}_combined_conversion`,
			`${title(stage)} Combined Conversion`,
			`Combined conversion of the ${stage} stage`,
		],
	]),
	['step_uncombined_conversion', 'Step Uncombined Conversion', 'Per-step uncombined conversion'],
	['step_combined_conversion', 'Step Combined Conversion', 'Per-step combined conversion'],
	['cumulative_steplostcount', 'Lost Before Step', 'Funnels that went to lost before a step'],
	[
		'cumulative_period_steplostcount',
		'Lost Before Step in Period',
		'Funnels that went to lost before a step, in the period',
	],
	[
		'cumulative_mediansteptime',
		'Median Time Before Step',
		'Median step time of all steps before a step',
	],
	[
		'cumulative_period_mediansteptime',
		'Median Time Before Step in Period',
		'Median step time of all steps before a step, in the period',
	],
	[
		'stepintolostcount',
		'Lost From Previous Step',
		'Funnels that went to lost from the previous step to the current step',
	],
	[
		'period_stepintolostcount',
		'Lost From Previous Step in Period',
		'Funnels that went to lost from the previous step to the current step, in the period',
	],
	['lasttouch', 'Last Touch', 'The last time a funnel had a touch activity (timestamp)'],
	['lastactivity', 'Last Activity', 'The last time a funnel had any activity (timestamp)'],
	[
		'lastengagement',
		'Last Engagement',
		'The last time a funnel had an engagement activity (timestamp)',
	],
	['average_touches', 'Average Touches', 'The average number of touches'],
	['sentmails', 'Emails Sent', 'Emails sent'],
	['rcvdstandard', 'Emails Received', 'Emails received (non-bulk)'],
	['rcvdbulk', 'Bulk Emails Received', 'Emails received (bulk)'],
	['mailopens', 'Email Opens', 'Mail opens'],
	['sentmessages', 'Text Messages Sent', 'Sent text messages'],
	['rcvdmessages', 'Text Messages Received', 'Received text messages'],
	['remails', 'Emails Referenced', 'Emails referenced'],
	['touch', 'Touches', 'Touches'],
	['postalbulk', 'Bulk Postal Mail', 'Bulk postal mail'],
	['postalstd', 'Postal Mail', 'Non-bulk postal mail'],
	[
		'engagement',
		'Engagement',
		'Meetings with, or emails, texts and calls from, unique people per day',
	],
	['mailclicks', 'Email Clicks', 'Mail clicks'],
	['mailreplies', 'Email Replies', 'Mail replies'],
	['dropins', 'Drop-Ins', 'Drop-ins'],
	['meetings', 'Meetings', 'Meetings'],
	['recalls', 'Calls Referenced', 'Referenced calls'],
	['outbcalls', 'Outbound Calls', 'Outbound calls'],
	['inbcalls', 'Inbound Calls', 'Inbound calls'],
	['remessages', 'Text Messages Referenced', 'Referenced text messages'],
	['creatednotes', 'Notes Created', 'Notes created'],
	['donetodos', 'To-Dos Completed', 'To-dos done'],
	['newtodos', 'To-Dos Created', 'To-dos created'],
	['donesteps', 'Steps Completed', 'Steps done'],
	['dropinmins', 'Drop-In Minutes', 'Minutes of drop-ins'],
	['meetingmins', 'Meeting Minutes', 'Minutes of meetings'],
	['recallmins', 'Referenced Call Minutes', 'Minutes of referenced calls'],
	['outbcallmins', 'Outbound Call Minutes', 'Minutes in outbound calls'],
	['inbcallmins', 'Inbound Call Minutes', 'Minutes in inbound calls'],
	...CALL_MEASURES,
	['outreach', 'Outreach', 'Emails, texts and calls to unique people per day'],
	['interaction', 'Interactions', 'Emails, texts, calls and meetings with unique people per day'],
];

/**
 * Project metrics (POST /v1/analytics/projects), as the reference lists them and its example uses.
 */
export const PROJECT_METRICS: Measure[] = [
	['segment', 'Segment', 'The segment the project belongs to'],
	['stage', 'Stage', 'The stage the project is in'],
	['nextstep', 'Next Step', 'The next step of the project'],
	['meta_value', 'Value', 'The financial value of the project'],
	['project_start', 'Start Date', 'UTC ms timestamp of the project start date'],
	['project_active', 'Active Date', 'UTC ms timestamp of the project active date'],
	['project_end', 'End Date', 'UTC ms timestamp of the project end date'],
];

/** What differs between the analytics query endpoints. */
export interface AnalyticsQueryKind {
	operation: string;
	/** The body key of the measure list: `measures` or `metrics`. */
	listKey: 'measures' | 'metrics';
	/** Measures the reference documents for the endpoint; none: only typed names. */
	measures: Measure[];
	/** The scales Cloze takes for the endpoint (all include month, the form's default). */
	scales: string[];
	/** Per-query fields beyond name, scale and measures. */
	fields: Array<'max' | 'tag' | 'relative' | 'mode' | 'always'>;
	/** Whether the body takes `usertags`. */
	userTags?: boolean;
	/** The JSON mode's starting body. */
	example: IDataObject;
}

const SCALE_OPTIONS: Record<string, INodePropertyOptions> = {
	month: { name: 'Month', value: 'month' },
	quarter: { name: 'Quarter', value: 'quarter' },
	week: { name: 'Week', value: 'week' },
	year: { name: 'Year', value: 'year' },
};

function measureOptions(measures: Measure[]): INodePropertyOptions[] {
	const byKey = new Map<string, INodePropertyOptions>();
	for (const [value, name, description] of measures) {
		if (!byKey.has(value))
			byKey.set(value, { name, value, description: `${description} (${value})` });
	}
	return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The form fields of one analytics query operation: Input Mode, the queries, and the JSON body. */
export function analyticsQueryFields(kind: AnalyticsQueryKind): INodeProperties[] {
	const show = { resource: ['analytics'], operation: [kind.operation] };
	const documented = kind.measures.length > 0;
	const listName = kind.listKey === 'metrics' ? 'Metrics' : 'Measures';
	const values: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. advisorqtr',
			description: 'Name of the query; the output item carries it',
		},
		{
			displayName: 'Scale',
			name: 'scale',
			type: 'options',
			options: kind.scales
				.map((scale) => SCALE_OPTIONS[scale])
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: 'month',
			description: 'The length of the reporting period',
		},
	];
	if (documented) {
		values.push({
			displayName: listName,
			name: 'measures',
			type: 'multiOptions',
			options: measureOptions(kind.measures),
			default: [],
			description:
				`The ${listName.toLowerCase()} to report ` + "(Cloze's default set when none is chosen)",
		});
	}
	values.push({
		displayName: documented ? `Custom ${listName}` : listName,
		name: 'customMeasures',
		type: 'string',
		default: '',
		placeholder: documented ? 'e.g. #inquiries, #referrals' : 'e.g. #inquiries',
		description: documented
			? 'Comma-separated names of measures configured in Cloze ("#" is added when missing)'
			: 'Comma-separated names of the measures to report, e.g. configured measures as "#name"',
	});
	if (kind.fields.includes('max')) {
		values.push({
			displayName: 'Max Periods',
			name: 'max',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: "How many periods to report, most recent last (0: Cloze's default)",
		});
	}
	if (kind.fields.includes('relative')) {
		values.push({
			displayName: 'Relative Period',
			name: 'relative',
			type: 'number',
			default: 0,
			description:
				'Which period, counted from the current one: ' +
				'0 the current period, -1 the one before, and so on',
		});
	}
	if (kind.fields.includes('mode')) {
		values.push({
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Active', value: 'active', description: 'Projects active in the period' },
				{ name: 'Pipeline', value: 'pipeline', description: 'Projects in the pipeline' },
			],
			default: 'pipeline',
			description: 'Which projects to report',
		});
	}
	if (kind.fields.includes('always')) {
		values.push({
			displayName: 'Always',
			name: 'always',
			type: 'string',
			default: '',
			placeholder: 'e.g. in-period',
			description: 'Which project dates must fall relative to the period',
		});
	}
	if (kind.fields.includes('tag')) {
		values.push({
			displayName: 'Tag',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'e.g. advisor',
			description: 'Only users with this tag',
		});
	}
	values.sort((a, b) =>
		a.name === 'name' ? -1 : b.name === 'name' ? 1 : a.displayName.localeCompare(b.displayName),
	);

	const fields: INodeProperties[] = [
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{ name: 'Form', value: 'form', description: 'Build the queries with the fields below' },
				{ name: 'JSON', value: 'json', description: 'Write the whole request body as JSON' },
			],
			default: 'form',
			description: 'How to give the queries',
		},
		{
			displayName: 'Queries',
			name: 'queries',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Query',
			displayOptions: { show: { ...show, inputMode: ['form'] } },
			default: {},
			description: 'Named queries; the output has one item per query',
			options: [{ displayName: 'Query', name: 'query', values }],
		},
	];
	if (kind.userTags) {
		fields.push({
			displayName: 'User Tags',
			name: 'userTags',
			type: 'string',
			displayOptions: { show: { ...show, inputMode: ['form'] } },
			default: '',
			placeholder: 'e.g. advisor, onboarding',
			description: 'Comma-separated user tags: only users with one of them',
		});
	}
	fields.push({
		displayName: 'Body (JSON)',
		name: 'jsonBody',
		type: 'json',
		displayOptions: { show: { ...show, inputMode: ['json'] } },
		default: JSON.stringify(kind.example, null, 2),
		description: 'The request body as in the Cloze API reference: {"queries": {"NAME": {…}}}',
	});
	const options: INodeProperties[] = [
		{
			...humanReadableOption,
			description:
				'Whether to name the measures as the reference does (e.g. "Bulk Emails Received" ' +
				'for rcvdbulk; measures it does not name keep their code) and give dates as ISO ' +
				'8601 instead of UTC milliseconds' +
				(kind.operation === 'projects' ? ', segments, stages and next steps by their names' : ''),
		},
	];
	if (kind.operation !== 'projects') {
		options.unshift({
			displayName: 'One Item per Period',
			name: 'itemPerPeriod',
			type: 'boolean',
			default: false,
			description:
				'Whether each reporting period becomes its own item ({ query, period, start, end, ' +
				'measures… }; team activity: one per member and period) instead of one item per ' +
				'query holding all periods',
		});
	}
	fields.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options,
	});
	return fields;
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body of JSON mode, checked: an object whose `queries` maps names to query objects. */
function jsonBody(context: IExecuteSingleFunctions): IDataObject {
	const node = context.getNode();
	let value = context.getNodeParameter('jsonBody', '') as unknown;
	if (typeof value === 'string') {
		if (value.trim() === '') throw inputError(node, 'Body (JSON): enter the request body');
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw inputError(node, `Body (JSON): not valid JSON (${(error as Error).message})`, {
				description: 'Write an object such as {"queries": {"q1": {"scale": "month"}}}.',
			});
		}
	}
	if (!isPlainObject(value)) throw inputError(node, 'Body (JSON): must be a JSON object');
	const queries = value.queries;
	if (!isPlainObject(queries) || Object.keys(queries).length === 0) {
		throw inputError(node, 'Body (JSON): "queries" must map query names to query objects', {
			description: 'Write an object such as {"queries": {"q1": {"scale": "month"}}}.',
		});
	}
	for (const [name, query] of Object.entries(queries)) {
		if (!isPlainObject(query))
			throw inputError(node, `Body (JSON): query "${name}" must be an object`);
	}
	return value;
}

/** The body the form builds: `{queries: {<name>: {...}}}` (and `usertags`), checked. */
function formBody(context: IExecuteSingleFunctions, kind: AnalyticsQueryKind): IDataObject {
	const node = context.getNode();
	const rows = context.getNodeParameter('queries.query', []) as IDataObject[];
	if (!rows.length) throw inputError(node, 'Queries: add at least one query');
	const queries: IDataObject = {};
	rows.forEach((row, index) => {
		const name = String(row.name ?? '').trim();
		if (name === '') throw inputError(node, `Queries: query ${index + 1} has no Name`);
		if (queries[name] !== undefined)
			throw inputError(node, `Queries: the name "${name}" is used twice`);
		const query: IDataObject = { scale: row.scale ?? 'month' };
		if (kind.fields.includes('mode')) query.mode = row.mode ?? 'pipeline';
		if (kind.fields.includes('relative')) query.relative = Number(row.relative ?? 0);
		if (kind.fields.includes('always') && String(row.always ?? '').trim() !== '')
			query.always = String(row.always).trim();
		if (kind.fields.includes('max') && Number(row.max) > 0) query.max = Number(row.max);
		if (kind.fields.includes('tag') && String(row.tag ?? '').trim() !== '')
			query.tag = String(row.tag).trim();
		const custom = listOf(row.customMeasures).map((measure) =>
			kind.measures.length && !measure.startsWith('#') ? `#${measure}` : measure,
		);
		const measures = [...listOf(row.measures), ...custom];
		if (measures.length) query[kind.listKey] = [...new Set(measures)];
		queries[name] = query;
	});
	const body: IDataObject = { queries };
	if (kind.userTags) {
		const tags = listOf(context.getNodeParameter('userTags', ''));
		if (tags.length) body.usertags = tags;
	}
	return body;
}

/**
 * `preSend` of an analytics query: the body from the form or from JSON, checked before the request.
 */
export function buildAnalyticsBody(kind: AnalyticsQueryKind) {
	return async function analyticsBody(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const mode = this.getNodeParameter('inputMode', 'form') as string;
		requestOptions.body = mode === 'json' ? jsonBody(this) : formBody(this, kind);
		return requestOptions;
	};
}

/** The measure names of each query operation (the first name of a key wins). */
const MEASURE_NAMES: Record<string, Map<string, string>> = Object.fromEntries(
	Object.entries({
		activity: ACTIVITY_MEASURES,
		teamActivity: TEAM_ACTIVITY_MEASURES,
		funnel: FUNNEL_METRICS,
		projects: PROJECT_METRICS,
		// The reference names no lead measures; its activity measures are answered too.
		leads: ACTIVITY_MEASURES,
	}).map(([operation, measures]) => {
		const names = new Map<string, string>();
		for (const [key, name] of measures) if (!names.has(key)) names.set(key, name);
		return [operation, names];
	}),
);

/** Keys of a period row that are not measures. */
const PERIOD_KEYS = new Set([
	'key',
	'stamp',
	'start',
	'end',
	'label',
	'period',
	'query',
	'scale',
	'user',
	'userName',
	'email',
	'name',
	'direct',
]);

type Row = IDataObject;

/**
 * A row (a period, totals, a project) with measure names for codes and ISO dates (Human-Readable
 * Values).
 */
function readableRow(
	row: Row,
	names: Map<string, string>,
	labels: Partial<Record<string, Map<string, string>>> = {},
): Row {
	const out: Row = {};
	for (const [key, value] of Object.entries(row)) {
		let shown = isDateKey(key) ? isoDate(value) : value;
		if (key === 'segment' || key === 'stage') shown = labelOf(labels[key], shown);
		if (key === 'nextstep') shown = labelOf(labels.step, shown);
		out[PERIOD_KEYS.has(key) ? key : (names.get(key) ?? key)] = shown;
	}
	return out;
}

/**
 * The periods of a query's answer: the schema's list of buckets ({ key, stamp, … }), or its
 * `periods`.
 */
function periodsOf(data: unknown): Row[] | undefined {
	if (Array.isArray(data)) return data.filter(isPlainObject);
	if (isPlainObject(data) && Array.isArray(data.periods)) return data.periods.filter(isPlainObject);
	return undefined;
}

/**
 * A period as an item: `period` (its label or key), `start` (start or stamp), `end`, then the
 * measures.
 */
function periodItem(query: string, row: Row, extra: Row = {}): Row {
	const { key, stamp, start, end, label, ...measures } = row;
	const item: Row = { query, ...extra, period: (label ?? key ?? null) as IDataObject[string] };
	item.start = (start ?? stamp ?? null) as IDataObject[string];
	if (end !== undefined) item.end = end;
	return { ...item, ...measures };
}

/**
 * One item per period of a query (team activity: per member and period); undefined if it has none.
 */
function periodItems(query: string, data: unknown): Row[] | undefined {
	if (isPlainObject(data) && Array.isArray(data.users)) {
		return data.users
			.filter(isPlainObject)
			.flatMap((user) =>
				(periodsOf(user) ?? []).map((row) =>
					periodItem(query, row, { email: user.email ?? null, name: user.name ?? null } as Row),
				),
			);
	}
	return periodsOf(data)?.map((row) => periodItem(query, row));
}

/**
 * Human-Readable Values of a whole query answer: periods, members' periods and totals, projects,
 * dates.
 */
function readableQuery(
	data: Row,
	names: Map<string, string>,
	labels: Partial<Record<string, Map<string, string>>>,
): Row {
	const rest: Row = { ...data };
	for (const key of ['periods', 'users', 'projects']) delete rest[key];
	const out: Row = readableRow(rest, names);
	if (Array.isArray(data.periods))
		out.periods = data.periods.map((row) =>
			isPlainObject(row) ? readableRow(row, names) : row,
		) as Row[];
	if (Array.isArray(data.users)) {
		out.users = data.users.map((user) => {
			if (!isPlainObject(user)) return user;
			const shown: Row = { ...user };
			if (isPlainObject(user.totals)) shown.totals = readableRow(user.totals, names);
			if (Array.isArray(user.periods))
				shown.periods = user.periods.map((row) =>
					isPlainObject(row) ? readableRow(row, names) : row,
				) as Row[];
			return shown;
		}) as Row[];
	}
	if (Array.isArray(data.projects)) {
		out.projects = data.projects.map((row) =>
			isPlainObject(row) ? readableRow(row, names, labels) : row,
		) as Row[];
	}
	return out;
}

/** The segment, stage and step lists a projects answer needs labels from (read once per run). */
async function projectsLabels(context: IExecuteSingleFunctions, queries: Array<[string, unknown]>) {
	const needs = new Set<'segment' | 'stage' | 'step'>();
	for (const [, data] of queries) {
		const projects =
			isPlainObject(data) && Array.isArray(data.projects)
				? data.projects.filter(isPlainObject)
				: [];
		for (const project of projects) {
			if (typeof project.segment === 'string') needs.add('segment');
			if (typeof project.stage === 'string') needs.add('stage');
			if (typeof project.nextstep === 'string') needs.add('step');
		}
	}
	return needs.size ? await projectLabels(context, [...needs]) : {};
}

/**
 * `postReceive`: the answer, keyed by query name, becomes one item per query carrying its name;
 * with One Item per Period, one item per period (see {@link periodItems}); with Human-Readable
 * Values, measures named as the reference names them and dates in ISO 8601.
 */
export async function itemPerQuery(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const readable = wantsReadable(this);
	const operation = String(this.getNodeParameter('operation', ''));
	const names = readable
		? (MEASURE_NAMES[operation] ?? new Map<string, string>())
		: new Map<string, string>();
	const queries = Object.entries(bodyOf(items, response)).filter(
		([key]) => key !== 'errorcode' && key !== 'message',
	);
	const labels = readable && operation === 'projects' ? await projectsLabels(this, queries) : {};
	const rows: Row[] = [];
	for (const [query, data] of queries) {
		const periods = options.itemPerPeriod === true ? periodItems(query, data) : undefined;
		if (periods) {
			rows.push(...periods.map((row) => (readable ? readableRow(row, names) : row)));
			continue;
		}
		if (isPlainObject(data) && data.query === undefined) {
			rows.push({ query, ...(readable ? readableQuery(data, names, labels) : data) });
		} else if (Array.isArray(data) && readable) {
			rows.push({
				query,
				data: data.map((row) => (isPlainObject(row) ? readableRow(row, names) : row)) as Row[],
			});
		} else {
			rows.push({ query, data: data as IDataObject });
		}
	}
	return rows.map((json) => ({ json }));
}
