import type { INodeProperties } from 'n8n-workflow';

import { NAMED_CUSTOM_FIELDS } from '../../../shared/customFields';
import type { RelationKind } from '../../../shared/relations';
import { dateFormatField } from '../../shared/timeline';
import { accountDropdown, teamMemberField } from '../../../shared/dropdowns';
import {
	customFieldsField,
	relationStepDropdown,
	segmentField,
	stageField,
	stepField,
} from './dropdowns';

/**
 * THE table of what people, companies and projects can be written with (Cloze's `PersonRef`,
 * `CompanyRef` and `ProjectRef`): each entry is one option of the Additional Fields / Update
 * Fields collections AND how the body builder (`body.ts`) sends it — its body key and the kind of
 * value. A new field is one entry here; nothing else needs to know it.
 */

/** How an option's value goes into the body. */
export type Send =
	/** Trimmed text at `key`. */
	| { as: 'text'; key: string }
	/** The boolean as set. */
	| { as: 'boolean'; key: string }
	/** When on, `key: value`. */
	| { as: 'flag'; key: string; value: string | boolean }
	/** "a, b" or an array -> `string[]`. */
	| { as: 'list'; key: string }
	/** A day, `YYYY-MM-DD`. */
	| { as: 'date'; key: string }
	/**
	 * Rows of a fixedCollection (`{ entry: [...] }`) -> objects: `fields` pairs a row's cells with
	 * their body keys, `flags` are booleans sent when on,
	 * `required` the body keys a row needs once it has any cell filled.
	 */
	| {
			as: 'rows';
			key: string;
			fields: Array<[cell: string, key: string]>;
			flags?: string[];
			required: string[];
	  }
	/** Rows of one text cell `cell` -> `string[]`. */
	| { as: 'strings'; key: string; cell: string }
	/** A handle added to `socials` as `{ type, value }`. */
	| { as: 'social'; type: string }
	/** Identifiers (e-mail, phone, domain, Cloze ID) -> person or company records at `key`. */
	| { as: 'relations'; key: string; relation: 'person' | 'company' }
	/** Rows `{ name, domain }` -> companies the person is linked to. */
	| { as: 'companies' }
	/** The account's custom field whose id or name is one of `keys`, typed by the account. */
	| { as: 'namedCustomField'; keys: readonly string[] }
	/** A currency custom field of id `id` (the reference's project value). */
	| { as: 'currency'; id: string }
	/** The Custom Fields rows, typed by the account. */
	| { as: 'customFields' };

export interface WriteField {
	kinds: RelationKind[];
	/** Only in this operation's collection (both when absent). */
	only?: 'create' | 'update';
	send: Send;
	property: INodeProperties;
}

const ALL: RelationKind[] = ['person', 'company', 'project'];
const CONTACTS: RelationKind[] = ['person', 'company'];

function text(
	name: string,
	displayName: string,
	placeholder: string,
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		...(description ? { description } : {}),
	};
}

function long(
	name: string,
	displayName: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return { ...text(name, displayName, placeholder, description), typeOptions: { rows: 3 } };
}

function flag(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'boolean', default: false, description };
}

function day(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'dateTime', default: '', description };
}

function cell(
	name: string,
	displayName: string,
	placeholder: string,
	description?: string,
): INodeProperties {
	return text(name, displayName, placeholder, description);
}

/** A shared field without its own routing: the body builder sends it. */
function withoutRouting(property: INodeProperties): INodeProperties {
	const rest = { ...property };
	delete rest.routing;
	return rest;
}

/** A multiple-value fixedCollection whose rows are `{ entry: [...] }`. */
function rowsProperty(
	name: string,
	displayName: string,
	singular: string,
	values: INodeProperties[],
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${singular}`,
		default: {},
		...(description ? { description } : {}),
		options: [{ displayName: singular, name: 'entry', values }],
	};
}

type Flag = 'work' | 'home' | 'mobile' | 'preferred';

function flagCells(what: string, flags: Flag[]): INodeProperties[] {
	return flags.map((name) =>
		name === 'preferred'
			? flag(name, 'Preferred', `Whether this is the preferred ${what}`)
			: flag(name, name[0].toUpperCase() + name.slice(1), `Whether this is a ${name} ${what}`),
	);
}

/** Emails, phones and faxes: a value plus flags. */
function valueRows(
	kinds: RelationKind[],
	name: string,
	displayName: string,
	singular: string,
	placeholder: string,
	flags: Flag[],
): WriteField {
	return {
		kinds,
		send: { as: 'rows', key: name, fields: [['value', 'value']], flags, required: ['value'] },
		property: rowsProperty(name, displayName, singular, [
			cell('value', singular, placeholder),
			...flagCells(singular.toLowerCase(), flags),
		]),
	};
}

/**
 * Phones: the number, its type as one dropdown (the schema's `ContactPhone.type`: work, home,
 * mobile) and Preferred. The Work, Home and Mobile switches of earlier versions stay in the row
 * only while they are on, so saved workflows send the same body (`work: true` …) and show them.
 */
function phoneRows(): WriteField {
	const legacy = (['work', 'home', 'mobile'] as const).map((name) => ({
		...flag(
			name,
			`${name[0].toUpperCase()}${name.slice(1)} (Earlier Version)`,
			`Whether this is a ${name} phone. Saved by an earlier version; use Type instead.`,
		),
		displayOptions: { show: { [name]: [true] } },
	}));
	return {
		kinds: CONTACTS,
		send: {
			as: 'rows',
			key: 'phones',
			fields: [
				['value', 'value'],
				['type', 'type'],
			],
			flags: ['work', 'home', 'mobile', 'preferred'],
			required: ['value'],
		},
		property: rowsProperty('phones', 'Phones', 'Phone', [
			cell('value', 'Phone', 'e.g. +1 617 555 1234'),
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Not Set', value: '' },
					{ name: 'Home', value: 'home' },
					{ name: 'Mobile', value: 'mobile' },
					{ name: 'Work', value: 'work' },
				],
				default: '',
				description:
					'Whether this is a work, ' +
					'home or mobile number. Cloze finds people by their mobile numbers.',
			},
			...flagCells('phone', ['preferred']),
			...legacy,
		]),
	};
}

/**
 * The Custom Fields rows with a date picker for date fields: Date Value, used instead of Value
 * when set (Value keeps taking a typed date, so saved workflows keep working).
 */
function withDateValue(property: INodeProperties): INodeProperties {
	const options = (property.options ?? []) as Array<{
		displayName: string;
		name: string;
		values: INodeProperties[];
	}>;
	return {
		...property,
		options: options.map((option) => ({
			...option,
			values: [
				...option.values,
				{
					displayName: 'Date Value',
					name: 'dateValue',
					type: 'dateTime',
					default: '',
					description:
						'For a date field: pick the date (sent as YYYY-MM-DD); used instead of Value when set',
				},
			],
		})),
	};
}

/** The 20 social profile types of Cloze's `ContactSocial`. */
export const SOCIAL_TYPES: Array<[string, string]> = [
	['aboutme', 'About.me'],
	['angellist', 'AngelList'],
	['facebook', 'Facebook'],
	['flickr', 'Flickr'],
	['foursquare', 'Foursquare'],
	['github', 'GitHub'],
	['instagram', 'Instagram'],
	['linkedin', 'LinkedIn'],
	['medium', 'Medium'],
	['meetup', 'Meetup'],
	['pinterest', 'Pinterest'],
	['plancast', 'Plancast'],
	['quora', 'Quora'],
	['reddit', 'Reddit'],
	['snapchat', 'Snapchat'],
	['tiktok', 'TikTok'],
	['twitter', 'Twitter / X'],
	['whatsapp', 'WhatsApp'],
	['xing', 'XING'],
	['youtube', 'YouTube'],
];

function stageChoice(name: string, label: string, hint: string): INodeProperties {
	return accountDropdown(name, label, 'getStages', hint);
}

const teamNode = (name: string, label: string, hint: string) =>
	accountDropdown(name, label, 'getTeamNodes', hint);

/** Every field a person, company or project can be written with, once. */
export const WRITE_FIELDS: WriteField[] = [
	// ---- identity
	{
		kinds: CONTACTS,
		only: 'update',
		send: { as: 'text', key: 'name' },
		property: text('name', 'Name', 'e.g. Jane Doe', 'Full name'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'first' },
		property: text('first', 'First Name', 'e.g. Jane'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'middle' },
		property: text('middle', 'Middle Name', 'e.g. Ann'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'last' },
		property: text('last', 'Last Name', 'e.g. Doe'),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'headline' },
		property: text('headline', 'Headline', 'e.g. VP Operations at Acme', 'Position or tagline'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'household' },
		property: text('household', 'Household', 'e.g. The Doe Family'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'gender' },
		property: text('gender', 'Gender', 'e.g. female'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'formality' },
		property: text(
			'formality',
			'Formality',
			'e.g. formal',
			'Whether the person is greeted formally or informally',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'date', key: 'birthday' },
		property: day('birthday', 'Birthday', 'Birthday of the person (sent as YYYY-MM-DD)'),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'replaceIdentity' },
		property: {
			displayName: 'Replace Identity',
			name: 'replaceIdentity',
			type: 'options',
			options: [
				{
					name: 'Merge',
					value: 'merge',
					description: 'Merge the name, gender, formality and birthday into the stored ones',
				},
				{
					name: 'Replace',
					value: 'replace',
					description: 'Replace them with the values given, blanks included',
				},
				{ name: 'Safe', value: 'safe', description: 'Replace them only when it is safe' },
			],
			default: 'safe',
			description:
				'How the identity fields (name, first, last, gender, formality, birthday) are written',
		},
	},
	{
		kinds: ['company'],
		send: { as: 'text', key: 'description' },
		property: long(
			'description',
			'Description',
			'e.g. Marketing videos made awesome',
			'Description of the company',
		),
	},
	{
		kinds: ['company'],
		send: { as: 'text', key: 'industry' },
		property: text('industry', 'Industry', 'e.g. Media'),
	},
	{
		kinds: ['company'],
		send: { as: 'text', key: 'businessSize' },
		property: text(
			'businessSize',
			'Business Size',
			'e.g. $1M-$10M',
			'Size of the business, e.g. a revenue range',
		),
	},
	{
		kinds: ['company'],
		send: { as: 'text', key: 'employees' },
		property: text('employees', 'Employees', 'e.g. 10-100', 'Range of the number of employees'),
	},
	{
		kinds: ['project'],
		send: { as: 'text', key: 'summary' },
		property: long(
			'summary',
			'Summary',
			'e.g. Located at 33 Meadow Brook Lane',
			'Summary of the project',
		),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'picture' },
		property: text(
			'picture',
			'Picture URL',
			'e.g. https://example.com/photo.jpg',
			'Publicly accessible https URL of the picture',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'list', key: 'pictures' },
		property: text(
			'picture',
			'Picture URLs',
			'e.g. https://example.com/a.jpg, https://example.com/b.jpg',
			'Publicly accessible https URLs of pictures, separated by commas',
		),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'country' },
		property: text('country', 'Country', 'e.g. US'),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'location' },
		property: text('location', 'Location', 'e.g. Boston, MA'),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'locale' },
		property: text('locale', 'Locale', 'e.g. en-US', 'Preferred language (Unicode CLDR or BCP 47)'),
	},
	{
		kinds: ['person'],
		send: { as: 'boolean', key: 'private' },
		property: flag('private', 'Private', 'Whether the person is marked as private'),
	},
	{
		kinds: ALL,
		send: { as: 'boolean', key: 'archived' },
		property: flag(
			'archived',
			'Archived',
			'Whether to archive the record (off: unarchive it), if possible',
		),
	},
	// ---- notes
	{
		kinds: ALL,
		send: { as: 'text', key: 'atAGlanceNotes' },
		property: long(
			'notes',
			'At a Glance Notes',
			'e.g. Met at the Boston expo',
			'At-a-glance notes about the record',
		),
	},
	{
		kinds: ALL,
		send: { as: 'text', key: 'notes' },
		property: long(
			'aboutNotes',
			'About Notes',
			'e.g. Prefers calls in the morning',
			'The "About" notes of the record',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'strings', key: 'timelineNotes', cell: 'note' },
		property: rowsProperty(
			'timelineNotes',
			'Timeline Notes',
			'Timeline Note',
			[{ ...cell('note', 'Note', 'e.g. Called about the renewal'), typeOptions: { rows: 2 } }],
			'Notes added to the timeline, dated the day they are written',
		),
	},
	// ---- pipeline
	{ kinds: ALL, send: { as: 'text', key: 'segment' }, property: segmentField },
	{ kinds: ALL, send: { as: 'text', key: 'stage' }, property: stageField },
	{ kinds: ALL, send: { as: 'text', key: 'step' }, property: stepField },
	{
		kinds: ALL,
		send: { as: 'text', key: 'defaultSegment' },
		property: accountDropdown(
			'defaultSegment',
			'Default Segment',
			'getSegments',
			'Set only if the record has no segment yet',
		),
	},
	{
		kinds: ALL,
		send: { as: 'text', key: 'defaultStage' },
		property: stageChoice(
			'defaultStage',
			'Default Stage',
			'Set only if the record has no stage yet',
		),
	},
	{
		kinds: ALL,
		send: { as: 'text', key: 'defaultStep' },
		property: relationStepDropdown(
			'defaultStep',
			'Default Step',
			'Set only if the record has no next step yet',
		),
	},
	{
		kinds: ['person', 'project'],
		send: { as: 'boolean', key: 'recycleStage' },
		property: flag(
			'recycleStage',
			'Recycle Stage',
			'Whether a record in a done stage (e.g. Inactive, Won, Lost) moves to the Default Stage',
		),
	},
	{
		kinds: ['person', 'project'],
		send: { as: 'boolean', key: 'recycleSegment' },
		property: flag(
			'recycleSegment',
			'Recycle Segment',
			'Whether a record in a done stage moves to the Default Segment',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'text', key: 'campaignId' },
		property: text(
			'campaignId',
			'Campaign ID',
			'e.g. welcome-series',
			'Trigger the campaign with this ID when the person is written',
		),
	},
	// ---- team
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'assignTo' },
		property: teamMemberField('assignee', 'Assign To', 'Team member the record is assigned to'),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'defaultAssignTo' },
		property: teamMemberField(
			'defaultAssignTo',
			'Default Assign To',
			'Assign to this team member only if the record is not assigned yet',
		),
	},
	{
		kinds: CONTACTS,
		send: { as: 'text', key: 'shareTo' },
		property: teamMemberField(
			'shareTo',
			'Share To',
			'Send a copy of the record to this team member',
		),
	},
	{
		kinds: CONTACTS,
		send: { as: 'boolean', key: 'shareTimeline' },
		property: flag(
			'shareTimeline',
			'Share Timeline',
			'Whether to share the timeline of the record (may send the record to the team)',
		),
	},
	{
		kinds: ALL,
		send: { as: 'flag', key: 'account', value: 'team' },
		property: flag(
			'shareToTeam',
			'Import Into Team',
			'Whether to import the record into the team (Cloze `account: team`)',
		),
	},
	{
		kinds: ALL,
		send: { as: 'text', key: 'node' },
		property: teamNode(
			'node',
			'Team Node',
			'Hierarchy feature: share the record with the team and place it at this node',
		),
	},
	{
		kinds: ALL,
		send: { as: 'text', key: 'defaultNode' },
		property: teamNode(
			'defaultNode',
			'Default Team Node',
			'Hierarchy feature: place the record at this node only if it is not placed yet',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'list', key: 'projectTeam' },
		property: {
			displayName: 'Collaborator Names or IDs',
			name: 'projectTeam',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTeamMembers' },
			default: [],
			description:
				'Team members added to the deal team. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	},
	// ---- identifiers and contact details
	{
		kinds: ALL,
		send: { as: 'list', key: 'keywords' },
		property: text(
			'keywords',
			'Keywords',
			'e.g. vip, newsletter',
			'Keywords (tags), separated by commas',
		),
	},
	{
		kinds: ['company'],
		send: { as: 'list', key: 'domains' },
		property: text(
			'domains',
			'Domains',
			'e.g. example.com, example.org',
			'Domains of the company, separated by commas',
		),
	},
	valueRows(CONTACTS, 'emails', 'Emails', 'Email', 'e.g. jane@example.com', [
		'work',
		'home',
		'preferred',
	]),
	phoneRows(),
	valueRows(CONTACTS, 'faxes', 'Faxes', 'Fax', 'e.g. +1 617 555 1235', ['work', 'home']),
	{
		kinds: ALL,
		send: {
			as: 'rows',
			key: 'addresses',
			// The cells keep their first names (state, zip, lat, lon) so saved workflows keep their
			// values.
			fields: [
				['street', 'street'],
				['suite', 'suite'],
				['pobox', 'pobox'],
				['city', 'city'],
				['state', 'region'],
				['zip', 'postcode'],
				['country', 'country'],
				['lat', 'latitude'],
				['lon', 'longitude'],
			],
			flags: ['work', 'home', 'preferred'],
			required: [],
		},
		property: rowsProperty('addresses', 'Addresses', 'Address', [
			cell('street', 'Street', 'e.g. 33 Meadow Brook Lane'),
			cell('suite', 'Suite', 'e.g. Suite 200'),
			cell('pobox', 'PO Box', 'e.g. PO Box 12'),
			cell('city', 'City', 'e.g. Boston'),
			cell('state', 'Region', 'e.g. MA', 'State or province'),
			cell('zip', 'Postal Code', 'e.g. 02110'),
			cell('country', 'Country', 'e.g. US'),
			{
				displayName: 'Latitude',
				name: 'lat',
				type: 'number',
				default: 0,
				typeOptions: { numberPrecision: 6 },
			},
			{
				displayName: 'Longitude',
				name: 'lon',
				type: 'number',
				default: 0,
				typeOptions: { numberPrecision: 6 },
			},
			...flagCells('address', ['work', 'home', 'preferred']),
		]),
	},
	{
		kinds: CONTACTS,
		send: {
			as: 'rows',
			key: 'socials',
			fields: [
				['type', 'type'],
				['value', 'value'],
			],
			flags: ['work', 'home'],
			required: ['type', 'value'],
		},
		property: rowsProperty('socials', 'Social Profiles', 'Social Profile', [
			{
				displayName: 'Network',
				name: 'type',
				type: 'options',
				options: SOCIAL_TYPES.map(([value, name]) => ({ name, value })),
				default: 'linkedin',
			},
			cell('value', 'Handle', 'e.g. janedoe', 'The handle or ID on that network'),
			...flagCells('profile', ['work', 'home']),
		]),
	},
	{
		kinds: CONTACTS,
		send: { as: 'social', type: 'twitter' },
		property: text(
			'twitter',
			'Twitter Handle',
			'e.g. cloze',
			'Added to the social profiles as type twitter',
		),
	},
	{
		kinds: CONTACTS,
		send: { as: 'social', type: 'facebook' },
		property: text(
			'facebook',
			'Facebook ID',
			'e.g. jane.doe',
			'Added to the social profiles as type facebook',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'social', type: 'linkedin' },
		property: text(
			'linkedin',
			'LinkedIn ID',
			'e.g. janedoe',
			'Added to the social profiles as type linkedin',
		),
	},
	{
		kinds: CONTACTS,
		// The cell keeps its first name (value) so saved workflows keep their addresses.
		send: {
			as: 'rows',
			key: 'urls',
			fields: [
				['value', 'address'],
				['name', 'name'],
			],
			required: ['address'],
		},
		property: rowsProperty('contactUrls', 'Websites', 'Website', [
			cell('value', 'URL', 'e.g. https://example.com/jane'),
			cell('name', 'Name', 'e.g. Blog'),
		]),
	},
	{
		kinds: ALL,
		send: {
			as: 'rows',
			key: 'appLinks',
			fields: [
				['source', 'source'],
				['uniqueid', 'uniqueid'],
				['label', 'label'],
				['url', 'url'],
			],
			required: ['source', 'uniqueid'],
		},
		property: rowsProperty(
			'appLinks',
			'App Links',
			'App Link',
			[
				cell('source', 'Source', 'e.g. na16.salesforce.com', 'Domain of the app'),
				cell('uniqueid', 'Unique ID', 'e.g. 006j000000Pkp1d', 'ID of the record in that app'),
				cell('label', 'Label', 'e.g. Salesforce Opportunity'),
				cell('url', 'URL', 'e.g. https://na16.salesforce.com/006j000000Pkp1d'),
			],
			'Links to the same record in other apps; source plus unique ID also identify the record',
		),
	},
	{
		kinds: ['person'],
		send: {
			as: 'rows',
			key: 'workHistory',
			fields: [
				['organization', 'organization'],
				['title', 'title'],
			],
			required: ['organization'],
		},
		property: rowsProperty(
			'workHistory',
			'Work History',
			'Job',
			[
				cell('organization', 'Organization', 'e.g. Acme Inc.'),
				cell('title', 'Title', 'e.g. VP Operations'),
			],
			'Jobs of the person, for information: they do not create or link companies',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'companies' },
		property: rowsProperty(
			'companies',
			'Companies',
			'Company',
			[cell('name', 'Name', 'e.g. IncFire Studios'), cell('domain', 'Domain', 'e.g. incfire.com')],
			'Companies to create or update and link the person to',
		),
	},
	// ---- project parties and dates
	{
		kinds: ['project'],
		send: { as: 'relations', key: 'clientpeople', relation: 'person' },
		property: text(
			'clientPeople',
			'Client People',
			'e.g. jane@example.com, +1 617 555 1234',
			'People who are clients of the project: e-mail addresses, mobile phones or Cloze ' +
				'IDs, separated by commas',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'relations', key: 'partnerpeople', relation: 'person' },
		property: text(
			'partnerPeople',
			'Partner People',
			'e.g. dave@incfire.com',
			'People who are partners in the project: e-mail addresses, mobile phones or Cloze ' +
				'IDs, separated by commas',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'relations', key: 'clientcompanies', relation: 'company' },
		property: text(
			'clientCompanies',
			'Client Companies',
			'e.g. acme.com',
			'Companies that are clients of the project: domains, ' +
				'e-mail addresses or Cloze IDs, separated by commas',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'relations', key: 'partnercompanies', relation: 'company' },
		property: text(
			'partnerCompanies',
			'Partner Companies',
			'e.g. incfire.com',
			'Companies that are partners in the project: domains, ' +
				'e-mail addresses or Cloze IDs, separated by commas',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'date', key: 'createdDate' },
		property: day('createdDate', 'Created', 'Date the project was created'),
	},
	{
		kinds: ['project'],
		send: { as: 'date', key: 'startDate' },
		property: day(
			'startDate',
			'Start',
			'Date the project started or will start (moves to an active stage)',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'date', key: 'pendingDate' },
		property: day('pendingDate', 'Pending', 'Date the project became or will become pending'),
	},
	{
		kinds: ['project'],
		send: { as: 'date', key: 'endDate' },
		property: day('endDate', 'End', 'Date the project was or will be won, done or lost'),
	},
	{
		kinds: ['project'],
		send: { as: 'currency', id: 'value' },
		property: {
			displayName: 'Value',
			name: 'value',
			type: 'number',
			default: 0,
			description: 'Money value of the project, sent as its "value" currency custom field',
		},
	},
	{ kinds: ALL, send: { as: 'customFields' }, property: withDateValue(customFieldsField) },
	// ---- custom fields the forms offer by name (Cloze has no top-level field for them)
	{
		kinds: ['project'],
		send: { as: 'namedCustomField', keys: NAMED_CUSTOM_FIELDS.projectType },
		property: accountDropdown(
			'projectType',
			'Type',
			'getProjectTypes',
			'Saved in the account\'s "Type" project custom field',
		),
	},
	{
		kinds: ['project'],
		send: { as: 'namedCustomField', keys: NAMED_CUSTOM_FIELDS.forecast },
		property: accountDropdown(
			'forecast',
			'Forecast',
			'getForecasts',
			'Saved in the account\'s "Forecast" project custom field',
		),
	},
	{
		kinds: ALL,
		send: { as: 'namedCustomField', keys: NAMED_CUSTOM_FIELDS.leadSource },
		property: accountDropdown(
			'leadSource',
			'Lead Source',
			'getLeadSources',
			'Where the record came from, saved in the account\'s "Lead Source" custom field',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'namedCustomField', keys: NAMED_CUSTOM_FIELDS.role },
		property: accountDropdown(
			'role',
			'Role',
			'getRoles',
			'The person\'s role, saved in the account\'s "Role" custom field',
		),
	},
	{
		kinds: ['person'],
		send: { as: 'namedCustomField', keys: NAMED_CUSTOM_FIELDS.department },
		property: accountDropdown(
			'department',
			'Department',
			'getDepartments',
			'Saved in the account\'s "Department" custom field',
		),
	},
	// ---- processing
	{
		kinds: ALL,
		send: { as: 'text', key: 'dateFormat' },
		property: withoutRouting(dateFormatField),
	},
	{
		kinds: ALL,
		send: { as: 'flag', key: 'dryrun', value: true },
		property: flag(
			'dryRun',
			'Dry Run',
			'Whether to only validate the record: Cloze checks it but stores nothing',
		),
	},
];

/** The entries of a kind and operation. */
export function writeFieldsOf(kind: RelationKind, operation: 'create' | 'update'): WriteField[] {
	return WRITE_FIELDS.filter(
		(field) => field.kinds.includes(kind) && (field.only === undefined || field.only === operation),
	);
}
