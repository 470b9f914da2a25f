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
	recipientsField,
	referencesField,
	skipImportField,
	threadIdField,
	tidyBody,
	timelineCreated,
	updateField,
} from '../../shared/timeline';

const show = { resource: ['timeline'], operation: ['createCommunication'] };

/**
 * `preSend`: adds recipients, references and links, and refuses what Cloze would refuse before
 * asking it: no sender and no recipient, a date that is not one, a preview over 1 KB.
 */
async function prepareCommunication(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = tidyBody(requestOptions);
	addRows(this, body, {
		recipients: 'recipients.recipient',
		references: 'additionalFields.references.reference',
		links: 'additionalFields.links.link',
	});
	if (!body.style) throw inputError(node, 'Communication Type: choose the kind of communication');
	if (!body.from && !body.recipients) {
		throw inputError(node, 'From: enter who the communication is from, or add a recipient', {
			description:
				'Cloze files a communication under its sender and recipients: give at least one of them.',
		});
	}
	if (body.duration !== undefined && (typeof body.duration !== 'number' || body.duration < 0)) {
		throw inputError(node, 'Duration (Minutes): enter a number of minutes, 0 or more');
	}
	normalizeDates(node, body, [
		{ key: 'date', label: 'Date' },
		{ key: 'due', label: 'Due', someday: true },
	]);
	checkPreview(node, body);
	requestOptions.body = body as IDataObject;
	return requestOptions;
}

export const createCommunicationOperation: INodePropertyOptions = {
	name: 'Create Communication',
	value: 'createCommunication',
	action: 'Create a communication record',
	description: 'Add an email, call, text, meeting, direct message or postal mail to the timeline',
	routing: {
		request: { method: 'POST', url: '/v1/timeline/communication/create' },
		send: { preSend: [prepareCommunication] },
		// Cloze answers { errorcode } only: the item says what was created (timelineCreated).
		operations: { pagination: timelineCreated },
	},
};

export const createCommunicationFields: INodeProperties[] = [
	{
		displayName: 'Communication Type',
		name: 'style',
		type: 'options',
		required: true,
		displayOptions: { show },
		options: [
			{ name: 'Bulk Postal', value: 'postal-bulk' },
			{ name: 'Call', value: 'call' },
			{ name: 'Direct Message', value: 'direct' },
			{ name: 'Email', value: 'email' },
			{ name: 'Meeting', value: 'meeting' },
			{ name: 'Postal', value: 'postal' },
			{ name: 'Text', value: 'text' },
		],
		default: 'email',
		description: 'The style of the communication: how Cloze shows it and scores the relationship',
		routing: { send: { type: 'body', property: 'style' } },
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. dana@incfire.com',
		description:
			'Who started the communication: e-mail address, phone number, social handle or app ' +
			'link (e.g. na16.salesforce.com:006j000000Pkp1d). ' +
			'Needed unless a recipient has the role From.',
		routing: { send: { type: 'body', property: 'from' } },
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. Call with Dana Varenos',
		routing: { send: { type: 'body', property: 'subject' } },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. 2025-11-20T11:45:13Z',
		description:
			'When the communication happened (or the meeting is scheduled): ' +
			'an ISO 8601 date or UTC milliseconds',
		routing: { send: { type: 'body', property: 'date' } },
	},
	{ ...recipientsField, displayOptions: { show } },
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
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
				default: 'outbound',
				description: 'For calls and texts: who started it',
				routing: { send: { type: 'body', property: 'direction' } },
			},
			dryRunField,
			dueField,
			{
				displayName: 'Duration (Minutes)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'For calls and meetings: how long it took, in minutes',
				routing: { send: { type: 'body', property: 'duration' } },
			},
			fromNameField,
			linksField,
			{
				displayName: 'Location',
				name: 'location',
				type: 'string',
				default: '',
				placeholder: 'e.g. Conference room B',
				description: 'For meetings: where it takes place',
				routing: { send: { type: 'body', property: 'location' } },
			},
			{
				displayName: 'Measure As',
				name: 'measureas',
				type: 'string',
				default: '',
				placeholder: 'e.g. inquiry',
				description: 'Count the communication as this measure',
				routing: { send: { type: 'body', property: 'measureas' } },
			},
			{
				displayName: 'Outcome',
				name: 'outcome',
				type: 'options',
				options: [
					{ name: 'Connected', value: 'connected' },
					{ name: 'Left Voicemail', value: 'leftvm' },
					// "noanwser" is Cloze's spelling (API reference 2025.10).
					{ name: 'No Answer', value: 'noanwser' },
				],
				default: 'connected',
				description: 'For calls: how the call ended',
				routing: { send: { type: 'body', property: 'outcome' } },
			},
			previewField,
			referencesField,
			skipImportField,
			threadIdField,
			updateField,
		],
	},
];
