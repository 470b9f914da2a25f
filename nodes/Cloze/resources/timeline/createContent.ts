import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import {
	accountField,
	addRows,
	bodyField,
	bodyTypeField,
	campaignIdField,
	checkPreview,
	dateFormatField,
	dryRunField,
	dueField,
	fromNameField,
	linksField,
	normalizeDates,
	previewField,
	referencesField,
	skipImportField,
	threadIdField,
	tidyBody,
	timelineCreated,
	updateField,
} from '../../shared/timeline';

const show = { resource: ['timeline'], operation: ['createContent'] };

/** Content styles that Cloze only accepts with a unique ID and a source domain. */
const KEYED_STYLES: Record<string, string> = { note: 'a note', todo: 'an external to-do' };

/** A domain such as todoist.com (labels of letters, digits and hyphens, a TLD of letters). */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * `preSend`: a note or external to-do needs its unique ID and source, the source must be a
 * domain; adds references and links; checks dates and the preview size.
 */
async function prepareContent(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = tidyBody(requestOptions);
	const style = String(body.style ?? '');
	if (style === '')
		throw inputError(node, 'Content Type: choose note, timeline event or external to-do');
	const kind = KEYED_STYLES[style];
	if (kind && !body.uniqueid) {
		throw inputError(node, `Unique ID: required for ${kind}`, {
			description:
				'Enter the ID of the record in the system it comes from, ' +
				'so that updates match it in Cloze.',
		});
	}
	if (kind && !body.source) {
		throw inputError(node, `Source: required for ${kind}`, {
			description: 'Enter the domain of the system the record comes from, e.g. todoist.com.',
		});
	}
	if (body.source !== undefined && !DOMAIN.test(String(body.source))) {
		throw inputError(node, `Source: ${JSON.stringify(body.source)} is not a domain`, {
			description: 'Enter a domain such as todoist.com (no https:// and no path).',
		});
	}
	addRows(this, body, {
		references: 'additionalFields.references.reference',
		links: 'additionalFields.links.link',
	});
	normalizeDates(node, body, [
		{ key: 'date', label: 'Date' },
		{ key: 'due', label: 'Due', someday: true },
	]);
	checkPreview(node, body);
	requestOptions.body = body as IDataObject;
	return requestOptions;
}

export const createContentOperation: INodePropertyOptions = {
	name: 'Create Content',
	value: 'createContent',
	action: 'Create a content record',
	description: 'Add a note, timeline event or external to-do to the timeline',
	routing: {
		request: { method: 'POST', url: '/v1/timeline/content/create' },
		send: { preSend: [prepareContent] },
		// Cloze answers { errorcode } only: the item says what was created (timelineCreated).
		operations: { pagination: timelineCreated },
	},
};

function keyField(
	styles: string[],
	required: boolean,
	field: 'uniqueid' | 'source',
): INodeProperties {
	const needed = required ? 'Required for notes and external to-dos. ' : '';
	return field === 'uniqueid'
		? {
				displayName: 'Unique ID',
				name: 'uniqueid',
				type: 'string',
				required,
				displayOptions: { show: { ...show, style: styles } },
				default: '',
				placeholder: 'e.g. abc123456789',
				description:
					`${needed}The ID of the record in the system it comes from, ` +
					'so that updates match it in Cloze',
				routing: { send: { type: 'body', property: 'uniqueid' } },
			}
		: {
				displayName: 'Source',
				name: 'source',
				type: 'string',
				required,
				displayOptions: { show: { ...show, style: styles } },
				default: '',
				placeholder: 'e.g. todoist.com',
				description: `${needed}The domain of the system the record comes from`,
				routing: { send: { type: 'body', property: 'source' } },
			};
}

export const createContentFields: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'style',
		type: 'options',
		required: true,
		displayOptions: { show },
		options: [
			{ name: 'External To-Do', value: 'todo', description: 'A to-do kept in another system' },
			{ name: 'Note', value: 'note' },
			{ name: 'Timeline Event', value: 'event' },
		],
		default: 'note',
		description: 'The style of the content record',
		routing: { send: { type: 'body', property: 'style' } },
	},
	keyField(['note', 'todo'], true, 'uniqueid'),
	keyField(['event'], false, 'uniqueid'),
	keyField(['note', 'todo'], true, 'source'),
	keyField(['event'], false, 'source'),
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. dave@incfire.com',
		description:
			'Who created the record: e-mail address, phone number, social handle or app link ' +
			'(e.g. na16.salesforce.com:006j000000Pkp1d)',
		routing: { send: { type: 'body', property: 'from' } },
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. Met with Dana to discuss the contract',
		routing: { send: { type: 'body', property: 'subject' } },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. 2025-11-20T11:45:13Z',
		description: 'When the record shows up in the timeline: an ISO 8601 date or UTC milliseconds',
		routing: { send: { type: 'body', property: 'date' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [
			accountField,
			bodyField,
			bodyTypeField,
			campaignIdField,
			dateFormatField,
			dryRunField,
			dueField,
			fromNameField,
			linksField,
			previewField,
			referencesField,
			{
				displayName: 'Send to Team',
				name: 'sendtoteam',
				type: 'boolean',
				default: false,
				description:
					'Whether to place the record in your own account and send it to the team account ' +
					'(needs the import team data permission)',
				routing: { send: { type: 'body', property: 'sendtoteam' } },
			},
			skipImportField,
			threadIdField,
			updateField,
		],
	},
];
