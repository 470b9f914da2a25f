import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import {
	checkPreview,
	dateFormatField,
	dryRunField,
	normalizeDates,
	previewField,
	skipImportField,
	tidyBody,
	timelineCreated,
} from '../../shared/timeline';
import { listOf } from '../../shared/values';
import { teamMemberField } from '../../../shared/dropdowns';

const show = { resource: ['timeline'], operation: ['createTodo'] };

/**
 * `preSend`: a subject is required; a saved Someday (or "someday" in When) becomes Cloze's 1;
 * participants become a list.
 */
async function prepareTodo(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = tidyBody(requestOptions);
	if (!body.subject) throw inputError(node, 'Subject: describe the to-do');
	if (this.getNodeParameter('someday', false) as boolean) body.when = 1;
	normalizeDates(node, body, [{ key: 'when', label: 'When', someday: true }]);
	if (body.participants !== undefined) {
		const participants = listOf(body.participants);
		if (participants.length) body.participants = participants;
		else delete body.participants;
	}
	checkPreview(node, body);
	requestOptions.body = body as IDataObject;
	return requestOptions;
}

export const createTodoOperation: INodePropertyOptions = {
	name: 'Create To-Do',
	value: 'createTodo',
	action: 'Create a to-do',
	description: 'Create a To Do in Cloze, for you or assigned to a team member',
	routing: {
		request: { method: 'POST', url: '/v1/timeline/todo/create' },
		send: { preSend: [prepareTodo] },
		// Cloze answers { errorcode } only: the item says what was created (timelineCreated).
		operations: { pagination: timelineCreated },
	},
};

export const createTodoFields: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. Launch Black Friday marketing campaign',
		description: 'What is to be done',
		routing: { send: { type: 'body', property: 'subject' } },
	},
	{
		displayName: 'When',
		name: 'when',
		type: 'dateTime',
		displayOptions: { show },
		default: '',
		description:
			'When the to-do is due. Leave empty for a "someday" to-do (no date), as Cloze treats ' +
			'a to-do without one. An expression may also give UTC milliseconds.',
		routing: { send: { type: 'body', property: 'when' } },
	},
	// Earlier versions had a Someday switch next to When. Cloze treats a to-do without a date as
	// "someday", so an empty When says it now; a saved Someday that is on still shows and still sends
	// "someday" (Cloze's 1), whatever When holds.
	{
		displayName: 'Someday (Earlier Version)',
		name: 'someday',
		type: 'boolean',
		displayOptions: { show: { ...show, someday: [true] } },
		default: false,
		description:
			'Whether the to-do has no date ("someday"). Saved by an earlier version: turn it off ' +
			'and leave When empty instead.',
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		displayOptions: { show },
		default: '',
		placeholder: 'e.g. dave@incfire.com, acme.com',
		description:
			'People and companies the to-do is about, comma-separated: e-mail addresses or other ' +
			'identifiers (e.g. mobile numbers) of people, domains of companies',
		routing: { send: { type: 'body', property: 'participants' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [
			teamMemberField(
				'assignee',
				'Assignee',
				'The team member the to-do is assigned to (you when not set)',
				'assignee',
			),
			teamMemberField(
				'assigner',
				'Assigner',
				'The team member who assigns the to-do (you when not set)',
				'assigner',
			),
			dateFormatField,
			dryRunField,
			previewField,
			skipImportField,
		],
	},
];
