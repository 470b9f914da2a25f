import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { returnAllFields } from '../../shared/lists';
import { cursorPagination } from '../../../shared/pagination';
import { feedEntryJson } from '../../../shared/records';
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
import { wantsSimple } from './hooks';
import { humanReadableOption, readableItems, wantsReadable } from '../../../shared/readable';

/**
 * One feed entry as an item: the record (simplified when asked), or with audited changes
 * `{ <kind>: record, changes }` as Cloze sends it. Simplify is read once per run, not per record.
 */
function feedEntry(kind: RelationKind) {
	return function feedEntryShaper(this: IExecutePaginationFunctions) {
		const simple = wantsSimple(this);
		return (entry: IDataObject): IDataObject => feedEntryJson(kind, entry, simple);
	};
}

/**
 * The feed's pages (see {@link cursorPagination}), with human-readable values when the Options ask
 * for them.
 */
function feedPagination(kind: RelationKind) {
	const pages = cursorPagination(RELATIONS[kind].plural, feedEntry(kind));
	return async function paginateFeed(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const items = await pages.call(this, requestData);
		return wantsReadable(this) ? await readableItems(this, kind, items) : items;
	};
}

export function getChangesOperation(kind: RelationKind): INodePropertyOptions {
	const { nounPlural } = RELATIONS[kind];
	return {
		name: 'Get Changes',
		value: 'getChanges',
		action: `Get changed ${nounPlural}`,
		description:
			`Get ${nounPlural} oldest change first from Cloze's feed, ` +
			'and a cursor to continue from later',
		routing: {
			request: { method: 'GET', url: relationPath(kind, 'feed') },
			send: { paginate: true, preSend: [sendScope] },
			operations: { pagination: feedPagination(kind) },
		},
	};
}

export function getChangesFields(kind: RelationKind): INodeProperties[] {
	const { nounPlural } = RELATIONS[kind];
	const show = showFor(kind, ['getChanges']);
	return [
		...returnAllFields(kind, 'getChanges'),
		{
			displayName: 'Cursor',
			name: 'cursor',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.cursor }} of an earlier run',
			description:
				'Continue from the cursor an earlier run returned (every item carries it as ' +
				'"cursor"); the filters below then no longer ' +
				'apply, the cursor keeps those of the first run',
			displayOptions: show,
		},
		...scopeFields(show, { clozeDefault: true }),
		{
			displayName: 'Include Audited Changes',
			name: 'includeAuditedChanges',
			type: 'boolean',
			default: false,
			description:
				'Whether each item also carries the audited changes (before and after, per field) ' +
				`since the ${RELATIONS[kind].noun} was last delivered`,
			displayOptions: show,
			routing: {
				send: {
					type: 'query',
					property: 'includeauditedchanges',
					value: '={{ $value ? "true" : undefined }}',
				},
			},
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show,
			options: [
				asQuery(
					{
						displayName: 'Modified After',
						name: 'modifiedAfter',
						type: 'dateTime',
						default: '',
						description: `Only ${nounPlural} changed after this time`,
					},
					'modifiedafter',
					'={{ $value ? new Date($value).getTime() : undefined }}',
				),
				asQuery(queryField, 'freeformquery'),
				asQuery(segmentField, 'segment'),
				asQuery(stageField, 'stage'),
				// The reference names step among the companies feed's filters only.
				...(kind === 'company' ? [asQuery(stepField, 'step')] : []),
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show,
			options: [
				asQuery(
					{
						displayName: 'Keys Only',
						name: 'keysOnly',
						type: 'boolean',
						default: false,
						description:
							'Whether to return only the Cloze ID, name and last change time ' +
							`of the ${nounPlural}`,
					},
					'keysonly',
					'={{ $value ? "true" : undefined }}',
				),
				humanReadableOption,
			],
		},
		simplifyField(kind, ['getChanges']),
	];
}
