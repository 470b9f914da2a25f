import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { inputError } from '../../../shared/errors';

import { isEmpty, listOf } from '../../shared/values';
import { teamMemberField } from '../../../shared/dropdowns';
import { writtenFields } from '../../shared/written';

const show = { resource: ['team'], operation: ['updateMember'] };

/**
 * `preSend`: checks the member and the node choice, and turns the typed lists (nodes, node
 * parts, keywords) and the custom field rows into the arrays Cloze expects.
 */
async function prepareMemberUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const node = this.getNode();
	const body = { ...((requestOptions.body ?? {}) as IDataObject) };
	body.key = String(body.key ?? '').trim();
	if (body.key === '') {
		throw inputError(node, 'Member: choose a team member or enter their account e-mail');
	}
	if (typeof body.node === 'string') body.node = body.node.trim();
	if (body.nodeByParts !== undefined) {
		body.nodeByParts = Array.isArray(body.nodeByParts)
			? listOf(body.nodeByParts)
			: String(body.nodeByParts)
					.split(/[,/]/)
					.map((part) => part.trim())
					.filter((part) => part !== '');
	}
	if (!isEmpty(body.node) && !isEmpty(body.nodeByParts)) {
		throw inputError(node, 'Update Fields: give Node or Node by Parts, not both', {
			description: 'Both set the same subteam node of the member. Remove one of them.',
		});
	}
	for (const key of ['secondaryNodes', 'visibleAt']) {
		if (body[key] !== undefined) body[key] = listOf(body[key]);
	}
	const keywords = (body.keywords ?? {}) as IDataObject;
	const add = listOf(keywords.add);
	const remove = listOf(keywords.remove);
	delete body.keywords;
	if (add.length || remove.length)
		body.keywords = { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) };

	const rows = this.getNodeParameter('updateFields.customFields.field', []) as IDataObject[];
	const customFields = rows.map((row, index) => {
		const id = String(row.id ?? '').trim();
		if (id === '') {
			throw inputError(node, `Custom Fields: entry ${index + 1} has no Field ID`);
		}
		return { id, type: String(row.type ?? 'text') || 'text', value: row.value };
	});
	delete body.customFields;
	if (customFields.length) body.customFields = customFields;
	// An empty node or role means "not given"; empty node lists are kept: they clear the lists.
	for (const key of ['node', 'nodeByParts', 'role']) {
		if (isEmpty(body[key])) delete body[key];
	}
	requestOptions.body = body;
	return requestOptions;
}

export const updateMemberOperation: INodePropertyOptions = {
	name: 'Update Member',
	value: 'updateMember',
	action: 'Update a team member',
	description:
		"Update a team member's role, subteam node, profile custom fields and keywords (needs " +
		'the View User and Edit Team permissions)',
	routing: {
		request: { method: 'POST', url: '/v1/team/members/update' },
		send: { preSend: [prepareMemberUpdate] },
		// Cloze answers { errorcode } only: the item is what was written (see written.ts).
		operations: { pagination: writtenFields },
	},
};

export const updateMemberFields: INodeProperties[] = [
	{
		...teamMemberField(
			'member',
			'Member',
			'The account e-mail of the team member to update',
			'key',
		),
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Custom Field',
				default: {},
				description: "Custom fields to set in the member's personal profile",
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Field ID',
								name: 'id',
								type: 'string',
								default: '',
								placeholder: 'e.g. mls-number',
								description: 'The ID of the profile custom field',
							},
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Currency', value: 'currency' },
									{ name: 'Date', value: 'date' },
									{ name: 'Decimal', value: 'decimal' },
									{ name: 'Keyword', value: 'keyword' },
									{ name: 'Keywords', value: 'keywords' },
									{ name: 'Number', value: 'number' },
									{ name: 'Text', value: 'text' },
								],
								default: 'text',
								description: 'The type of the custom field (Cloze requires it with every value)',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. 123456',
							},
						],
					},
				],
			},
			{
				displayName: 'Keywords to Add',
				name: 'keywordsToAdd',
				type: 'string',
				default: '',
				placeholder: 'e.g. osa, onboard',
				description: 'Comma-separated keywords (tags) to add to the member',
				routing: { send: { type: 'body', property: 'keywords.add' } },
			},
			{
				displayName: 'Keywords to Remove',
				name: 'keywordsToRemove',
				type: 'string',
				default: '',
				placeholder: 'e.g. isa',
				description: 'Comma-separated keywords (tags) to remove from the member',
				routing: { send: { type: 'body', property: 'keywords.remove' } },
			},
			{
				displayName: 'Node by Parts',
				name: 'nodeByParts',
				type: 'string',
				default: '',
				placeholder: 'e.g. US, West',
				description: 'The subteam node as its path elements, comma-separated (instead of Node)',
				routing: { send: { type: 'body', property: 'nodeByParts' } },
			},
			{
				displayName: 'Node Name or ID',
				name: 'node',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTeamNodes' },
				default: '',
				description:
					'The subteam node to place the member in. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'node' } },
			},
			{
				displayName: 'Role Name or ID',
				name: 'role',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTeamRoles' },
				default: '',
				description:
					'The role to give the member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'role' } },
			},
			{
				displayName: 'Secondary Node Names or IDs',
				name: 'secondaryNodes',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTeamNodes' },
				default: [],
				description:
					'Additional nodes the member can see; replaces the previous ones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'secondaryNodes' } },
			},
			{
				displayName: 'Visible at Node Names or IDs',
				name: 'visibleAt',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTeamNodes' },
				default: [],
				description:
					'Additional nodes where the member can be found; replaces the previous ones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				routing: { send: { type: 'body', property: 'visibleAt' } },
			},
		],
	},
];
