import type { IDisplayOptions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { RELATIONS, type RelationKind } from '../../../shared/relations';
import type { OperationOf, RelationOperation } from './operation';
import { humanReadableOption } from '../../../shared/readable';
import { writeFieldsOf } from './writeFields';

/**
 * The form pieces of people, companies and projects, each written once: the query field, the
 * write collections (built from the one table in `writeFields.ts`), the record locator and the
 * Get/Delete lookup. The account dropdowns live in `dropdowns.ts`.
 */

export type { RelationOperation } from './operation';

/** Shown for one resource and the given operations (of that kind's list). */
export function showFor<Kind extends RelationKind>(
	kind: Kind,
	operations: Array<OperationOf<Kind>>,
	more: IDisplayOptions['show'] = {},
): IDisplayOptions {
	return { show: { resource: [kind], operation: operations, ...more } };
}

export { customFieldsField, segmentField, stageField, stepField } from './dropdowns';

export const queryField: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'string',
	default: '',
	placeholder: 'e.g. name Johnstone',
	description:
		'Free-form query as typed in the Cloze search box; # followed by a custom field ID ' +
		'refers to that field, e.g. #lead-source is zillow',
};

/**
 * A filter sent as the query parameter `parameter` (its value through `value`, an expression, when
 * given).
 */
export function asQuery(
	property: INodeProperties,
	parameter: string,
	value?: string,
): INodeProperties {
	return {
		...property,
		routing: { send: { type: 'query', property: parameter, ...(value ? { value } : {}) } },
	};
}

/**
 * The project's Name at the top of Create or Update and Update: Cloze requires it on every write.
 */
export function projectNameField(operation: 'create' | 'update'): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Meadow Brook Renovation',
		description:
			operation === 'create'
				? 'Name of the project; Cloze requires it'
				: 'Name of the project: Cloze requires it on every update; ' +
					'a different name renames the project',
		displayOptions: showFor('project', [operation]),
	};
}

// ---------------------------------------------------------------- write collections

/**
 * The Additional Fields (create) or Update Fields (update) collection of a kind, from the table
 * `WRITE_FIELDS`.
 */
export function writeFields(kind: RelationKind, operation: 'create' | 'update'): INodeProperties {
	return {
		displayName: operation === 'create' ? 'Additional Fields' : 'Update Fields',
		name: operation === 'create' ? 'additionalFields' : 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(kind, [operation]),
		options: writeFieldsOf(kind, operation)
			.map((field) => field.property)
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

// ---------------------------------------------------------------- record locator

/** Every mode of the record locators; {@link recordLocator} keeps those of a kind and operation. */
const LOCATOR: { modes: INodePropertyMode[] } = {
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchable: true } },
		{ displayName: 'By Domain', name: 'domain', type: 'string', placeholder: 'e.g. example.com' },
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane@example.com',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\S+@\\S+$', errorMessage: 'Not a valid email address' },
				},
			],
		},
		{ displayName: 'By Phone', name: 'phone', type: 'string', placeholder: 'e.g. +1 617 555 1234' },
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Meadow Brook Renovation',
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ZoimOMrw8VfpDFr6ESegyQ',
			hint: 'The Cloze ID ("direct") of the record',
		},
		{
			displayName: 'By Other Identifier',
			name: 'uniqueid',
			type: 'string',
			placeholder: 'e.g. twitter:cloze or na16.salesforce.com:006j000000Pkp1d',
			hint: 'A social handle or an app link, as Cloze writes them',
		},
	],
};

const LOCATOR_MODES: Record<RelationKind, { search: string; modes: string[] }> = {
	person: { search: 'searchPeople', modes: ['list', 'email', 'phone', 'id', 'uniqueid'] },
	company: {
		search: 'searchCompanies',
		modes: ['list', 'domain', 'email', 'phone', 'id', 'uniqueid'],
	},
	project: { search: 'searchProjects', modes: ['list', 'name', 'id', 'uniqueid'] },
};

/**
 * How Get, Update and Delete (or another operation on one record) find the record: from a list
 * (values are Cloze IDs), or by one of its identifiers. Update offers only identifiers it can send
 * in the body (not a project's name, which it may change, nor other identifiers). Read it with
 * `chosenRecord` (hooks.ts); `requireRecord` sends it as `uniqueid`.
 */
export function recordLocator(kind: RelationKind, operation: RelationOperation): INodeProperties {
	const { label, noun } = RELATIONS[kind];
	const { search, modes } = LOCATOR_MODES[kind];
	return {
		displayName: label,
		name: 'record',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${noun} to ${operation}`,
		displayOptions: showFor(kind, [operation]),
		modes: LOCATOR.modes
			.filter((mode) => modes.includes(mode.name))
			.filter((mode) => operation !== 'update' || !['name', 'uniqueid'].includes(mode.name))
			.map((mode) =>
				mode.name === 'list'
					? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: search } }
					: mode,
			),
	};
}

/**
 * Get and Delete: the record (the operation's `requireRecord` preSend sends it as `uniqueid`), and
 * whether to look among the team's records (sent as the query parameter `team`).
 */
export function lookupFields(kind: RelationKind, operation: RelationOperation): INodeProperties[] {
	return [
		recordLocator(kind, operation),
		{
			displayName: 'Team',
			name: 'team',
			type: 'boolean',
			default: false,
			description:
				`Whether to ${operation} the team's ${RELATIONS[kind].noun} (shared to the team) ` +
				'instead of your own',
			displayOptions: showFor(kind, [operation]),
			routing: {
				send: { type: 'query', property: 'team', value: '={{ $value ? true : undefined }}' },
			},
		},
	];
}

/** Get, Get Many and Get Changes: the Simplify switch. */
export function simplifyField(
	kind: RelationKind,
	operations: RelationOperation[],
): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return only the fields mostly mapped (name, identifiers, segment, stage, ' +
			`step, assignee, custom fields) instead of the full ${RELATIONS[kind].noun} record`,
		displayOptions: showFor(kind, operations),
	};
}

/**
 * Create and Update: whether to output the record as Cloze stored it (read back with one more
 * request) and, when it is, the Simplify switch and the Human-Readable Values option of Get.
 */
export function storedRecordFields(
	kind: RelationKind,
	operation: 'create' | 'update',
): INodeProperties[] {
	const { noun } = RELATIONS[kind];
	return [
		{
			displayName: 'Return Stored Record',
			name: 'returnStoredRecord',
			type: 'boolean',
			default: true,
			description:
				`Whether to read the ${noun} back from Cloze after writing it and output it as ` +
				'stored (one more request per item). Turn off for bulk imports: it saves one request ' +
				'per item, and the output is then the identifier and the fields sent.',
			displayOptions: showFor(kind, [operation]),
		},
		{
			...simplifyField(kind, [operation]),
			displayOptions: showFor(kind, [operation], { returnStoredRecord: [true] }),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor(kind, [operation], { returnStoredRecord: [true] }),
			options: [humanReadableOption],
		},
	];
}
