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
	['outbcalls_short_mins', 'Short Outbound Call Minutes', 'Minutes in outbound calls that were short'],
	['outbcalls_medium_mins', 'Medium Outbound Call Minutes', 'Minutes in outbound calls of medium duration'],
	['outbcalls_long_mins', 'Long Outbound Call Minutes', 'Minutes in outbound calls that were long'],
	['inbcalls_short', 'Short Inbound Calls', 'Inbound calls that were short'],
	['inbcalls_medium', 'Medium Inbound Calls', 'Inbound calls of medium duration'],
	['inbcalls_long', 'Long Inbound Calls', 'Inbound calls that were long'],
	['inbcalls_short_mins', 'Short Inbound Call Minutes', 'Minutes in inbound calls that were short'],
	['inbcalls_medium_mins', 'Medium Inbound Call Minutes', 'Minutes in inbound calls of medium duration'],
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

/** Team activity measures (POST /v1/analytics/teamactivity): the activity ones and the pipeline value. */
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
	...STAGES.map((stage): Measure => [
		`${stage}count`,
		`Into ${title(stage)} Stage`,
		`Contacts that went into the ${stage} stage after the start of the period`,
	]),
	['stepwoncount', 'Reached Won Step', 'Funnels that made it to the won step'],
	['steplostcount', 'Went to Lost Step', 'Funnels that went to the lost step'],
	['period_steplostcount', 'Went to Lost Step in Period', 'Funnels that went to the lost step during the period'],
	['stepnextcount', 'Went Into Next Step', 'Funnels that went into the next step'],
	['stepintocount', 'Stepped Into Step', 'Funnels that stepped into a step'],
	['period_stepintocount', 'Stepped Into Step in Period', 'Funnels that stepped into a step in the period'],
	['stepcount', 'Currently in Step', 'Funnels currently in a step'],
	['averagesteptime', 'Average Step Time', 'The average time in a step'],
	['mediansteptime', 'Median Step Time', 'The median time in a step'],
	['cumulative_lead', 'Open Leads', 'The number of current open leads'],
	...['current', 'future', 'pending', 'won', 'lost'].map((stage): Measure => [
		`cumulative_${stage}`,
		`In ${title(stage)} Stage`,
		`Funnels in the ${stage} stage`,
	]),
	...MOVES.map(([from, to]): Measure => [
		`${from}_${to}`,
		`${title(from)} to ${title(to)}`,
		`Funnels that went from the ${from} stage to the ${to} stage`,
	]),
	...MOVES.map(([from, to]): Measure => [
		`period_${from}_${to}`,
		`${title(from)} to ${title(to)} in Period`,
		`Funnels that went from the ${from} stage to the ${to} stage in the period`,
	]),
	...['lead', 'future', 'current', 'pending'].map((stage): Measure => [
		`${stage}_time`,
		`Time in ${title(stage)} Stage`,
		`Median time funnels have been in the ${stage} stage, in milliseconds`,
	]),
	...['lead', 'future', 'current', 'pending', 'won'].flatMap((stage): Measure[] => [
		[`${stage}_uncombined_conversion`, `${title(stage)} Uncombined Conversion`, `Uncombined conversion of the ${stage} stage`],
		[`${stage}_combined_conversion`, `${title(stage)} Combined Conversion`, `Combined conversion of the ${stage} stage`],
	]),
	['step_uncombined_conversion', 'Step Uncombined Conversion', 'Per-step uncombined conversion'],
	['step_combined_conversion', 'Step Combined Conversion', 'Per-step combined conversion'],
	['cumulative_steplostcount', 'Lost Before Step', 'Funnels that went to lost before a step'],
	['cumulative_period_steplostcount', 'Lost Before Step in Period', 'Funnels that went to lost before a step, in the period'],
	['cumulative_mediansteptime', 'Median Time Before Step', 'Median step time of all steps before a step'],
	['cumulative_period_mediansteptime', 'Median Time Before Step in Period', 'Median step time of all steps before a step, in the period'],
	['stepintolostcount', 'Lost From Previous Step', 'Funnels that went to lost from the previous step to the current step'],
	['period_stepintolostcount', 'Lost From Previous Step in Period', 'Funnels that went to lost from the previous step to the current step, in the period'],
	['lasttouch', 'Last Touch', 'The last time a funnel had a touch activity (timestamp)'],
	['lastactivity', 'Last Activity', 'The last time a funnel had any activity (timestamp)'],
	['lastengagement', 'Last Engagement', 'The last time a funnel had an engagement activity (timestamp)'],
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
	['engagement', 'Engagement', 'Meetings with, or emails, texts and calls from, unique people per day'],
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

/** Project metrics (POST /v1/analytics/projects), as the reference lists them and its example uses. */
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
		if (!byKey.has(value)) byKey.set(value, { name, value, description: `${description} (${value})` });
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
			options: kind.scales.map((scale) => SCALE_OPTIONS[scale]).sort((a, b) => a.name.localeCompare(b.name)),
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
			description: `The ${listName.toLowerCase()} to report (Cloze's default set when none is chosen)`,
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
			description: 'Which period, counted from the current one: 0 the current period, -1 the one before, and so on',
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
	values.sort((a, b) => (a.name === 'name' ? -1 : b.name === 'name' ? 1 : a.displayName.localeCompare(b.displayName)));

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
		if (!isPlainObject(query)) throw inputError(node, `Body (JSON): query "${name}" must be an object`);
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
		if (queries[name] !== undefined) throw inputError(node, `Queries: the name "${name}" is used twice`);
		const query: IDataObject = { scale: row.scale ?? 'month' };
		if (kind.fields.includes('mode')) query.mode = row.mode ?? 'pipeline';
		if (kind.fields.includes('relative')) query.relative = Number(row.relative ?? 0);
		if (kind.fields.includes('always') && String(row.always ?? '').trim() !== '') query.always = String(row.always).trim();
		if (kind.fields.includes('max') && Number(row.max) > 0) query.max = Number(row.max);
		if (kind.fields.includes('tag') && String(row.tag ?? '').trim() !== '') query.tag = String(row.tag).trim();
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

/** `preSend` of an analytics query: the body from the form or from JSON, checked before the request. */
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

/** `postReceive`: the answer, keyed by query name, becomes one item per query carrying its name. */
export async function itemPerQuery(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return Object.entries(bodyOf(items, response))
		.filter(([key]) => key !== 'errorcode' && key !== 'message')
		.map(([query, data]) => ({
			json: isPlainObject(data) && data.query === undefined ? { query, ...data } : { query, data: data as IDataObject },
		}));
}
