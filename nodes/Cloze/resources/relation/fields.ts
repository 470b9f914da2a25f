import type { IDisplayOptions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { RELATIONS, type RelationKind } from '../../../shared/relations';
import { requireRecord } from './hooks';
import { teamMemberField } from '../../shared/teamMember';

/**
 * The form pieces of people, companies and projects, each written once: dropdowns (segment, stage,
 * step, assignee, custom fields…), the typed lists (emails, phones, faxes, addresses, app links,
 * contact URLs), and the collections the operations build from them.
 */

export type RelationOperation = 'create' | 'update' | 'get' | 'delete' | 'getAll' | 'getChanges';

/** Shown for one resource and the given operations. */
export function showFor(kind: RelationKind, operations: RelationOperation[], more: IDisplayOptions['show'] = {}): IDisplayOptions {
	return { show: { resource: [kind], operation: operations, ...more } };
}

// ---------------------------------------------------------------- dropdowns

export const segmentField: INodeProperties = {
	displayName: 'Segment Name or ID',
	name: 'segment',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSegments' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const stageField: INodeProperties = {
	displayName: 'Stage Name or ID',
	name: 'stage',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStages' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const stepField: INodeProperties = {
	displayName: 'Step Name or ID',
	name: 'step',
	type: 'options',
	typeOptions: {
		loadOptionsMethod: 'getSteps',
		loadOptionsDependsOn: [
			'additionalFields.segment',
			'additionalFields.stage',
			'updateFields.segment',
			'updateFields.stage',
			'filters.segment',
			'filters.stage',
		],
	},
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

function customFieldShortcut(name: string, displayName: string, method: string, what: string): INodeProperties {
	return {
		displayName: `${displayName} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: method },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `${what}, saved in the account's "${displayName}" custom field`,
	};
}

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Values of the custom fields of the Cloze account; each value is checked against the field type',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Name or ID',
					name: 'id',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 42, 2025-12-31 or a keyword value',
					description:
						'Text, a number for number fields, a date for date fields, or one of the values (key or label) of a keyword field',
				},
			],
		},
	],
};

export const queryField: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'string',
	default: '',
	placeholder: 'e.g. name Johnstone',
	description:
		'Free-form query as typed in the Cloze search box; # followed by a custom field ID refers to that field, e.g. #lead-source is zillow',
};

/** A filter sent as the query parameter `parameter` (its value through `value`, an expression, when given). */
export function asQuery(property: INodeProperties, parameter: string, value?: string): INodeProperties {
	return { ...property, routing: { send: { type: 'query', property: parameter, ...(value ? { value } : {}) } } };
}

// ---------------------------------------------------------------- typed lists

type Flag = 'work' | 'home' | 'mobile';

const FLAG_LABELS: Record<Flag, string> = { work: 'Work', home: 'Home', mobile: 'Mobile' };

/** Emails, phones and faxes: a value plus work/home/mobile flags. */
function valueList(name: string, displayName: string, singular: string, placeholder: string, flags: Flag[]): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${singular}`,
		default: {},
		options: [
			{
				displayName: singular,
				name: 'entry',
				values: [
					{ displayName: singular, name: 'value', type: 'string', default: '', placeholder },
					...flags.map(
						(flag): INodeProperties => ({
							displayName: FLAG_LABELS[flag],
							name: flag,
							type: 'boolean',
							default: false,
							description: `Whether this is a ${flag} ${singular.toLowerCase()}`,
						}),
					),
				],
			},
		],
	};
}

export const emailsField = valueList('emails', 'Emails', 'Email', 'e.g. jane@example.com', ['work', 'home']);
export const phonesField = valueList('phones', 'Phones', 'Phone', 'e.g. +1 617 555 1234', ['work', 'home', 'mobile']);
export const faxesField = valueList('faxes', 'Faxes', 'Fax', 'e.g. +1 617 555 1235', ['work', 'home']);

export const addressesField: INodeProperties = {
	displayName: 'Addresses',
	name: 'addresses',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Address',
	default: {},
	options: [
		{
			displayName: 'Address',
			name: 'entry',
			values: [
				{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. 33 Meadow Brook Lane' },
				{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Boston' },
				{ displayName: 'Region', name: 'state', type: 'string', default: '', placeholder: 'e.g. MA', description: 'State or province' },
				{ displayName: 'Postal Code', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 02110' },
				{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. US' },
				{ displayName: 'Latitude', name: 'lat', type: 'number', default: 0, typeOptions: { numberPrecision: 6 } },
				{ displayName: 'Longitude', name: 'lon', type: 'number', default: 0, typeOptions: { numberPrecision: 6 } },
				{ displayName: 'Work', name: 'work', type: 'boolean', default: false, description: 'Whether this is a work address' },
				{ displayName: 'Home', name: 'home', type: 'boolean', default: false, description: 'Whether this is a home address' },
			],
		},
	],
};

export const appLinksField: INodeProperties = {
	displayName: 'App Links',
	name: 'appLinks',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add App Link',
	default: {},
	description: 'Links to the same record in other apps; source plus unique ID also identify the record',
	options: [
		{
			displayName: 'App Link',
			name: 'entry',
			values: [
				{ displayName: 'Source', name: 'source', type: 'string', default: '', placeholder: 'e.g. na16.salesforce.com', description: 'Domain of the app' },
				{ displayName: 'Unique ID', name: 'uniqueid', type: 'string', default: '', placeholder: 'e.g. 006j000000Pkp1d', description: 'ID of the record in that app' },
				{ displayName: 'Label', name: 'label', type: 'string', default: '', placeholder: 'e.g. Salesforce Opportunity' },
				{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://na16.salesforce.com/006j000000Pkp1d' },
			],
		},
	],
};

export const contactUrlsField: INodeProperties = {
	displayName: 'Contact URLs',
	name: 'contactUrls',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Contact URL',
	default: {},
	options: [
		{
			displayName: 'Contact URL',
			name: 'entry',
			values: [
				{ displayName: 'Address', name: 'value', type: 'string', default: '', placeholder: 'e.g. https://example.com/jane' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Blog' },
				{ displayName: 'Type', name: 'type', type: 'string', default: '', placeholder: 'e.g. website' },
			],
		},
	],
};

// ---------------------------------------------------------------- write collections

interface WriteOption {
	kinds: RelationKind[];
	/** Only in this operation's collection (both when absent). */
	only?: 'create' | 'update';
	property: INodeProperties;
}

const ALL: RelationKind[] = ['person', 'company', 'project'];
const CONTACTS: RelationKind[] = ['person', 'company'];

function text(name: string, displayName: string, placeholder: string, description?: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, ...(description ? { description } : {}) };
}

function date(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

/** Every field a person, company or project can be written with, once, with the kinds it applies to. */
const WRITE_OPTIONS: WriteOption[] = [
	{ kinds: CONTACTS, only: 'update', property: text('name', 'Name', 'e.g. Jane Doe', 'Full name') },
	{ kinds: ['person'], property: text('first', 'First Name', 'e.g. Jane') },
	{ kinds: ['person'], property: text('last', 'Last Name', 'e.g. Doe') },
	{ kinds: ['person'], property: text('headline', 'Headline', 'e.g. VP Operations at Acme', "The person's position or tagline") },
	{ kinds: ['person', 'project'], property: text('picture', 'Picture URL', 'e.g. https://example.com/photo.jpg', 'Publicly accessible URL of the picture') },
	{ kinds: ['person'], property: { displayName: 'Private', name: 'private', type: 'boolean', default: false, description: 'Whether the person is marked as private' } },
	{ kinds: ['company'], property: { ...text('description', 'Description', 'e.g. Marketing videos made awesome'), typeOptions: { rows: 3 } } },
	{ kinds: ['project'], property: { ...text('summary', 'Summary', 'e.g. Located at 33 Meadow Brook Lane'), typeOptions: { rows: 3 } } },
	{ kinds: CONTACTS, property: { ...text('notes', 'Notes', 'e.g. Met at the Boston expo', 'At-a-glance notes about the record'), typeOptions: { rows: 3 } } },
	{ kinds: ALL, property: segmentField },
	{ kinds: ALL, property: stageField },
	{ kinds: ALL, property: stepField },
	{ kinds: ALL, property: teamMemberField('assignee', 'Assignee', 'Team member the record is assigned to') },
	{ kinds: ALL, property: text('keywords', 'Keywords', 'e.g. vip, newsletter', 'Keywords (tags), separated by commas') },
	{ kinds: ['company'], property: text('domains', 'Domains', 'e.g. example.com, example.org', 'Domains of the company, separated by commas') },
	{ kinds: CONTACTS, property: emailsField },
	{ kinds: CONTACTS, property: phonesField },
	{ kinds: CONTACTS, property: faxesField },
	{ kinds: ALL, property: addressesField },
	{ kinds: ALL, property: appLinksField },
	{ kinds: CONTACTS, property: contactUrlsField },
	{ kinds: CONTACTS, property: text('twitter', 'Twitter Handle', 'e.g. cloze') },
	{ kinds: CONTACTS, property: text('facebook', 'Facebook ID', 'e.g. jane.doe') },
	{ kinds: ['person'], property: text('linkedin', 'LinkedIn ID', 'e.g. janedoe') },
	{ kinds: ['person'], property: customFieldShortcut('role', 'Role', 'getRoles', "The person's role (e.g. Manager)") },
	{ kinds: ['person'], property: customFieldShortcut('department', 'Department', 'getDepartments', 'The department the person works in') },
	{ kinds: ALL, property: customFieldShortcut('leadSource', 'Lead Source', 'getLeadSources', 'Where the record came from') },
	{ kinds: ['project'], property: date('createdDate', 'Created', 'Date the project was created') },
	{ kinds: ['project'], property: date('startDate', 'Start', 'Date the project started or is planned to start') },
	{ kinds: ['project'], property: date('endDate', 'End', 'Date the project ended or is planned to end') },
	{ kinds: ['project'], property: date('matchingChanged', 'Matching Changed', 'Date the project became active or its value changed, for matching') },
	{ kinds: ['project'], property: { displayName: 'Value', name: 'value', type: 'number', default: 0, description: 'Monetary value or budget of the project' } },
	{ kinds: ['project'], property: text('projectType', 'Type', 'e.g. renovation', 'Project type, to organize projects within a segment') },
	{
		kinds: ['project'],
		property: {
			displayName: 'Forecast',
			name: 'forecast',
			type: 'options',
			options: [
				{ name: 'Commit', value: 'commit' },
				{ name: 'Best Case', value: 'bestcase' },
			],
			default: 'commit',
			description: 'Current forecast of the project',
		},
	},
	{ kinds: ALL, property: customFieldsField },
	{
		kinds: ALL,
		property: {
			displayName: 'Share to Team',
			name: 'shareToTeam',
			type: 'boolean',
			default: false,
			description: 'Whether to share the record with the team (Cloze `shareTo: team`)',
		},
	},
	{
		kinds: ALL,
		property: {
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to only validate the record: Cloze checks it but stores nothing',
		},
	},
];

/** The Additional Fields (create) or Update Fields (update) collection of a kind. */
export function writeFields(kind: RelationKind, operation: 'create' | 'update'): INodeProperties {
	const options = WRITE_OPTIONS.filter(
		(option) => option.kinds.includes(kind) && (option.only === undefined || option.only === operation),
	)
		.map((option) => option.property)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: operation === 'create' ? 'Additional Fields' : 'Update Fields',
		name: operation === 'create' ? 'additionalFields' : 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(kind, [operation]),
		options,
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
			validation: [{ type: 'regex', properties: { regex: '^\\S+@\\S+$', errorMessage: 'Not a valid email address' } }],
		},
		{ displayName: 'By Phone', name: 'phone', type: 'string', placeholder: 'e.g. +1 617 555 1234' },
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Meadow Brook Renovation' },
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
	company: { search: 'searchCompanies', modes: ['list', 'domain', 'email', 'phone', 'id', 'uniqueid'] },
	project: { search: 'searchProjects', modes: ['list', 'name', 'id', 'uniqueid'] },
};

/**
 * How Get, Update and Delete find the record: from a list (values are Cloze IDs), or by one of its
 * identifiers. Update offers only identifiers it can send in the body (not a project's name, which
 * it may change, nor other identifiers).
 */
export function recordLocator(kind: RelationKind, operation: 'get' | 'update' | 'delete'): INodeProperties {
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
				mode.name === 'list' ? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: search } } : mode,
			),
	};
}

/** Get and Delete: the record, sent as `uniqueid`, and whether to look among the team's records. */
export function lookupFields(kind: RelationKind, operation: 'get' | 'delete'): INodeProperties[] {
	return [
		{ ...recordLocator(kind, operation), routing: { send: { preSend: [requireRecord(kind)] } } },
		{
			displayName: 'Team',
			name: 'team',
			type: 'boolean',
			default: false,
			description: `Whether to ${operation} the team's ${RELATIONS[kind].noun} (shared to the team) instead of your own`,
			displayOptions: showFor(kind, [operation]),
			routing: { send: { type: 'query', property: 'team', value: '={{ $value ? true : undefined }}' } },
		},
	];
}

/** Get, Get Many and Get Changes: the Simplify switch. */
export function simplifyField(kind: RelationKind, operations: RelationOperation[]): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only the fields mostly mapped (name, identifiers, segment, stage, step, assignee, custom fields) instead of the full ${RELATIONS[kind].noun} record`,
		displayOptions: showFor(kind, operations),
	};
}
