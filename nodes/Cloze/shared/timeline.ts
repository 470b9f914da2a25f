import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../shared/errors';

import { teamMemberField } from '../../shared/dropdowns';
import { writtenFields } from './written';
import { clozeDate, compact } from './values';

/**
 * The fields the three timeline records (communication, content, to-do) share, defined once,
 * and the body checks they share: preview size, dates, participants.
 */

/** Cloze refuses a preview longer than 1 KB. */
export const MAX_PREVIEW_BYTES = 1024;

export const accountField: INodeProperties = teamMemberField(
	'account',
	'Account',
	"Team administrators: create the record in this team member's account (their e-mail)",
	'account',
);

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Body text of the record',
	routing: { send: { type: 'body', property: 'body' } },
};

export const bodyTypeField: INodeProperties = {
	displayName: 'Body Type',
	name: 'bodytype',
	type: 'options',
	options: [
		{ name: 'HTML', value: 'html' },
		{ name: 'Text', value: 'text' },
	],
	default: 'text',
	description: 'How Cloze reads the body (plain text when not set)',
	routing: { send: { type: 'body', property: 'bodytype' } },
};

export const campaignIdField: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 7d1f0c2a',
	description: 'Trigger the campaign with this ID on the from person, if there is one',
	routing: { send: { type: 'body', property: 'campaignId' } },
};

export const dateFormatField: INodeProperties = {
	displayName: 'Date Format',
	name: 'dateFormat',
	type: 'options',
	options: [
		{ name: 'International (Day/Month/Year)', value: 'international' },
		{ name: 'US (Month/Day/Year)', value: 'us' },
	],
	default: 'us',
	description: 'How Cloze reads dates written like 1/2/2021',
	routing: { send: { type: 'body', property: 'dateFormat' } },
};

export const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryrun',
	type: 'boolean',
	default: false,
	description: 'Whether to only validate the record, without creating it',
	routing: { send: { type: 'body', property: 'dryrun' } },
};

export const dueField: INodeProperties = {
	displayName: 'Due',
	name: 'due',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2025-12-01T16:00:00Z',
	description:
		'When the reminder is due: an ISO 8601 date or UTC milliseconds, or "someday". Without ' +
		'it the reminder is "someday".',
	routing: { send: { type: 'body', property: 'due' } },
};

export const fromNameField: INodeProperties = {
	displayName: 'From Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Dana Varenos',
	description: 'Name of the person the record is from',
	routing: { send: { type: 'body', property: 'name' } },
};

export const linksField: INodeProperties = {
	displayName: 'Links',
	name: 'links',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Link',
	default: {},
	description: 'Links to include with the record',
	options: [
		{
			displayName: 'Link',
			name: 'link',
			values: [
				// Cloze's ContentLink is { value, title }; the cells keep their first names (url, name).
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://support.example.com/tickets/4711',
				},
				{
					displayName: 'Title',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Ticket 4711',
				},
			],
		},
	],
};

export const previewField: INodeProperties = {
	displayName: 'Preview',
	name: 'preview',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	description: 'Preview of the body, at most 1 KB (made from the body when not given)',
	routing: { send: { type: 'body', property: 'preview' } },
};

const roleOptions = [
	{ name: 'BCC', value: 'bcc' },
	{ name: 'CC', value: 'cc' },
	{ name: 'From', value: 'from' },
	{ name: 'None', value: '' },
	{ name: 'To', value: 'to' },
];

/**
 * Rows of people (recipients: value, name, role — RecipientRef) or people/companies/projects
 * (references: value, name — RelationRef, which has no role).
 */
function participantsField(
	name: string,
	displayName: string,
	item: string,
	description: string,
	withRole: boolean,
): INodeProperties {
	const role: INodeProperties = {
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: roleOptions,
		default: '',
		description: 'How the entry takes part (From, To, CC or BCC)',
	};
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${item}`,
		default: {},
		description,
		options: [
			{
				displayName: item,
				name: item.toLowerCase(),
				values: [
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. dana@incfire.com',
						description: 'E-mail address, phone number, social handle or other identifier',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. Dana Varenos',
					},
					...(withRole ? [role] : []),
				],
			},
		],
	};
}

export const recipientsField = participantsField(
	'recipients',
	'Recipients',
	'Recipient',
	'People the communication was with (attendees of calls and meetings); people only',
	true,
);

export const referencesField = participantsField(
	'references',
	'References',
	'Reference',
	'People, companies or projects the record is about: an e-mail or phone for people, a ' +
		'domain for companies, an app link for projects',
	false,
);

export const skipImportField: INodeProperties = {
	displayName: 'Skip Import',
	name: 'skipImport',
	type: 'boolean',
	default: false,
	description:
		'Whether Cloze should ignore the record entirely (no validation, no create or update)',
	routing: { send: { type: 'body', property: 'skipImport' } },
};

export const threadIdField: INodeProperties = {
	displayName: 'Thread ID',
	name: 'threadid',
	type: 'string',
	default: '',
	placeholder: 'e.g. ticket-4711',
	description:
		'Records with the same thread ID are threaded together in Cloze, e.g. a support ticket number',
	routing: { send: { type: 'body', property: 'threadid' } },
};

export const updateField: INodeProperties = {
	displayName: 'Update',
	name: 'update',
	type: 'boolean',
	default: false,
	description: 'Whether to update the record if it was already imported',
	routing: { send: { type: 'body', property: 'update' } },
};

// ------------------------------------------------------------------------------ body checks

/** Rows of a participants or links fixedCollection, without empty cells. */
function rows(context: IExecuteSingleFunctions, path: string): IDataObject[] {
	const value = context.getNodeParameter(path, []) as IDataObject[] | IDataObject;
	return (Array.isArray(value) ? value : [value])
		.map((row) => compact(row ?? {}))
		.filter((row) => Object.keys(row).length);
}

/** Rows with a `value`, keeping only `keys` (the schema's RecipientRef or RelationRef). */
function participantRows(
	context: IExecuteSingleFunctions,
	path: string,
	label: string,
	keys: string[],
): IDataObject[] {
	return rows(context, path).map((row, index) => {
		if (typeof row.value !== 'string' || row.value.trim() === '') {
			throw inputError(context.getNode(), `${label}: entry ${index + 1} has no Value`, {
				description: 'Each entry needs an e-mail address, phone number or other identifier.',
			});
		}
		const out: IDataObject = { value: row.value.trim() };
		for (const key of keys)
			if (typeof row[key] === 'string' && row[key] !== '') out[key] = (row[key] as string).trim();
		return out;
	});
}

/**
 * Adds the fixedCollection rows of the form (recipients, references, links) to the body as
 * Cloze's arrays; `paths` maps a body key to the parameter path of its rows.
 */
export function addRows(
	context: IExecuteSingleFunctions,
	body: IDataObject,
	paths: { recipients?: string; references?: string; links?: string },
): void {
	if (paths.recipients) {
		const list = participantRows(context, paths.recipients, 'Recipients', ['name', 'role']);
		if (list.length) body.recipients = list;
	}
	if (paths.references) {
		const list = participantRows(context, paths.references, 'References', ['name']);
		if (list.length) body.references = list;
	}
	if (paths.links) {
		const list = rows(context, paths.links).map((row, index) => {
			if (typeof row.url !== 'string' || row.url.trim() === '') {
				throw inputError(context.getNode(), `Links: entry ${index + 1} has no URL`);
			}
			return {
				value: row.url.trim(),
				...(typeof row.name === 'string' && row.name.trim() ? { title: row.name.trim() } : {}),
			};
		});
		if (list.length) body.links = list;
	}
}

/** Refuses a preview longer than 1 KB (UTF-8 bytes), as Cloze would. */
export function checkPreview(node: INode, body: IDataObject): void {
	if (typeof body.preview !== 'string') return;
	const size = Buffer.byteLength(body.preview, 'utf8');
	if (size > MAX_PREVIEW_BYTES) {
		throw inputError(node, `Preview: ${size} bytes is longer than Cloze's limit of 1 KB`, {
			description:
				`Shorten the preview to at most ${MAX_PREVIEW_BYTES} bytes, or leave it out: Cloze ` +
				'then makes one from the body.',
		});
	}
}

/**
 * Turns the date fields of a body into Cloze dates (ms numbers or date strings), refusing
 * non-dates.
 */
export function normalizeDates(
	node: INode,
	body: IDataObject,
	fields: Array<{ key: string; label: string; someday?: boolean }>,
): void {
	for (const { key, label, someday } of fields) {
		const value = clozeDate(node, label, body[key], { someday });
		if (value === undefined) delete body[key];
		else body[key] = value;
	}
}

/** A body without the fields the form left empty, strings trimmed. */
export function tidyBody(requestOptions: IHttpRequestOptions): IDataObject {
	const body = { ...((requestOptions.body ?? {}) as IDataObject) };
	for (const [key, value] of Object.entries(body)) {
		if (typeof value === 'string' && key !== 'body' && key !== 'preview') body[key] = value.trim();
	}
	return compact(body);
}

/** Body keys of a timeline create that are not echoed in its answer (long texts, switches). */
const NOT_ECHOED = new Set(['body', 'preview', 'dryrun', 'skipImport', 'dateFormat']);

/**
 * Paginator (`routing.operations.pagination`) of the three timeline creates
 * (`/v1/timeline/<communication|content|todo>/create`), which Cloze answers with its status only.
 * The item says what was created, from the body as sent: `{ created, record, …fields sent }`
 * (the long body and preview left out) plus any identifier Cloze's answer holds, so that a next
 * node or an AI agent can tell which record it made. A dry run says `created: false, dryRun: true`;
 * a skipped import `created: false, skipped: true`.
 */
export async function timelineCreated(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const record = /\/v1\/timeline\/(communication|content|todo)\/create$/.exec(
		String(requestData.options.url ?? ''),
	)?.[1];
	const [written] = await writtenFields.call(this, requestData);
	const echoed = Object.fromEntries(
		Object.entries(written.json).filter(([key]) => !NOT_ECHOED.has(key)),
	);
	const created = written.json.dryrun !== true && written.json.skipImport !== true;
	const flags: IDataObject =
		written.json.skipImport === true
			? { skipped: true }
			: written.json.dryrun === true
				? { dryRun: true }
				: {};
	return [{ json: { created, ...flags, record, ...echoed } }];
}
