import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { returnAllFields } from '../../shared/lists';
import { pageNumberPagination } from '../../../shared/pagination';
import { recordJson } from '../../../shared/records';
import { routedRequest } from '../../../shared/transport';
import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { scopeFields, sendScope } from '../../../shared/scope';
import {
	asQuery,
	queryField,
	segmentField,
	showFor,
	simplifyField,
	stageField,
	stepField,
} from './fields';
import { teamMemberField } from '../../../shared/dropdowns';
import { wantsSimple } from './hooks';
import { humanReadableOption, readableItems, wantsReadable } from '../../../shared/readable';

/**
 * Pages of `find` (see {@link pageNumberPagination}), one item per record, simplified when asked.
 */
function findPagination(kind: RelationKind) {
	const pages = pageNumberPagination(RELATIONS[kind].plural);
	return async function paginateFind(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		if (this.getNodeParameter('countOnly', false) === true)
			return await routedRequest(this, requestData);
		const items = await pages.call(this, requestData);
		const simple = wantsSimple(this);
		// The items are this run's own: each one's JSON is set in place (10,000 records, no second
		// wrapper each).
		for (const item of items) item.json = recordJson(item.json, simple);
		return wantsReadable(this) ? await readableItems(this, kind, items) : items;
	};
}

export function getAllOperation(kind: RelationKind): INodePropertyOptions {
	const { nounPlural } = RELATIONS[kind];
	return {
		name: 'Get Many',
		value: 'getAll',
		action: `Get many ${nounPlural}`,
		description:
			`Find ${nounPlural} by query, scope, segment, ` + 'stage, step or assignee, or count them',
		routing: {
			request: { method: 'GET', url: relationPath(kind, 'find') },
			send: { preSend: [sendScope] },
			operations: { pagination: findPagination(kind) },
		},
	};
}

/**
 * The sort orders of Cloze's `find` (the schema's `sort` enum), with the kinds they make sense for.
 */
const SORTS: Array<{ name: string; value: string; kinds?: RelationKind[] }> = [
	{ name: 'Assigned', value: 'assigned' },
	{ name: 'Best Relationship', value: 'bestrelationship', kinds: ['person', 'company'] },
	{ name: 'Created', value: 'created' },
	{ name: 'Distance', value: 'distance' },
	{ name: 'Due Next', value: 'duenext' },
	{ name: 'Due Past', value: 'duepast' },
	{ name: 'End Date', value: 'end', kinds: ['project'] },
	{ name: 'First Met', value: 'firstmet', kinds: ['person', 'company'] },
	{ name: 'First Name', value: 'first', kinds: ['person'] },
	{ name: 'Last Changed', value: 'lastchanged' },
	{ name: 'Last Name', value: 'last', kinds: ['person'] },
	{ name: 'Last Talked', value: 'lasttalked', kinds: ['person', 'company'] },
	{ name: 'Name', value: 'name' },
	{ name: 'Next Step', value: 'nextstep' },
	{ name: 'Start Date', value: 'start', kinds: ['project'] },
	{ name: 'Value', value: 'value', kinds: ['project'] },
	{ name: 'Went Quiet', value: 'wentquiet', kinds: ['person', 'company'] },
];

/**
 * The `sort` value of a Sort By option; values saved by earlier versions that the schema names
 * otherwise are translated (startdate, enddate, step), those it lacks (segment, stage) send none.
 */
const SORT_VALUE =
	'={{ ({ startdate: "start", enddate: "end", step: "nextstep", segment: undefined, stage: ' +
	'undefined })[$value] ?? (["segment", "stage"].includes($value) ? undefined : $value) }}';

export function getAllFields(kind: RelationKind): INodeProperties[] {
	// A top-level field: n8n 2.8 cannot hide fields on a value inside a collection.
	const countOnly = { countOnly: [true] };
	const filters: INodeProperties[] = [
		asQuery(queryField, 'freeformquery'),
		asQuery(segmentField, 'segment'),
		asQuery(stageField, 'stage'),
		asQuery(stepField, 'step'),
		asQuery(
			{
				displayName: 'Assigned',
				name: 'assigned',
				type: 'boolean',
				default: true,
				description:
					`Whether to find only ${RELATIONS[kind].nounPlural} assigned to a team member ` +
					'(off: only unassigned ones)',
			},
			'assigned',
			'={{ $value ? "true" : "false" }}',
		),
		asQuery(
			teamMemberField('assignee', 'Assignee', 'Find only records assigned to this team member'),
			'assignee',
		),
	];
	if (kind === 'project') {
		filters.push(
			asQuery(
				teamMemberField(
					'collaborator',
					'Collaborator',
					'Find only projects with this team member in the deal team',
				),
				'collaborator',
			),
			asQuery(
				{
					displayName: 'Hide Lost or Done',
					name: 'hideLostDone',
					type: 'boolean',
					default: true,
					description: 'Whether to leave out lost and done (won) projects',
				},
				'hidelostdone',
				'={{ $value ? "true" : "false" }}',
			),
		);
	}
	// Return All and Limit lead the form; Count Only (which hides them) follows.
	return [
		...returnAllFields(kind, 'getAll').map((field) => ({
			...field,
			displayOptions: { ...field.displayOptions, hide: countOnly },
		})),
		{
			displayName: 'Count Only',
			name: 'countOnly',
			type: 'boolean',
			default: false,
			displayOptions: showFor(kind, ['getAll']),
			description:
				`Whether to return only the number of matching ${RELATIONS[kind].nounPlural}: one ` +
				'item { availablecount }',
			routing: {
				send: { type: 'query', property: 'countonly', value: '={{ $value ? "true" : undefined }}' },
				output: {
					postReceive: [
						{
							type: 'set',
							enabled: '={{ $value }}',
							properties: { value: '={{ { "availablecount": $response.body.availablecount } }}' },
						},
					],
				},
			},
		},
		...scopeFields(showFor(kind, ['getAll']), { clozeDefault: true }),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: showFor(kind, ['getAll']),
			options: filters.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor(kind, ['getAll']),
			options: [
				asQuery(
					{
						displayName: 'Group By',
						name: 'group',
						type: 'options',
						options: [
							{ name: 'Stage', value: 'stage' },
							{ name: 'Subteam', value: 'subteam' },
						],
						default: 'stage',
						description: 'Order the records by stage or subteam first',
					},
					'group',
				),
				asQuery(
					{
						displayName: 'Sort By',
						name: 'sort',
						type: 'options',
						options: SORTS.filter((sort) => !sort.kinds || sort.kinds.includes(kind)).map(
							({ name, value }) => ({ name, value }),
						),
						default: 'lastchanged',
						description: 'Order in which Cloze returns the records',
					},
					'sort',
					SORT_VALUE,
				),
				humanReadableOption,
			],
		},
		{
			...simplifyField(kind, ['getAll']),
			displayOptions: { ...showFor(kind, ['getAll']), hide: countOnly },
		},
	];
}
