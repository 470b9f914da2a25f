import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { projectNameField, showFor, storedRecordFields, writeFields } from './fields';
import { relationBody } from './body';
import { writePagination } from './hooks';
import { SOCIAL_TYPES } from './writeFields';

const MERGE_NOTE = {
	person:
		'Cloze merges into the existing person with the same e-mail or other identifier ' +
		'instead of creating a duplicate',
	company:
		'Cloze merges into the existing company with the same domain or other identifier ' +
		'instead of creating a duplicate',
	project:
		'Cloze merges into the existing project with the same name or app link instead of ' +
		'creating a duplicate',
};

/**
 * Create or Update: `POST /v1/<plural>/create` with the body `relationBody` builds from the
 * identifiers at the top of the form and the write table (writeFields.ts); `writePagination` sends
 * it through the driver and, with Return Stored Record on, reads the record back with `get`.
 * Node-level hooks: docs/CONVENTIONS.md ("Where a request is decided").
 */
export function createOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Create or Update',
		value: 'create',
		action: `Create or update a ${noun}`,
		description: `Create a ${noun}, or update it when it exists: ${MERGE_NOTE[kind]}`,
		routing: {
			request: { method: 'POST', url: relationPath(kind, 'create') },
			send: { preSend: [relationBody(kind, 'create')] },
			operations: { pagination: writePagination(kind, 'create') },
		},
	};
}

/** The phone a person or company is created by, with its name. */
function phoneField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +1 617 555 1234',
		displayOptions,
	};
}

/** The identifiers at the top of the form: what Cloze needs to create (or find) the record. */
function identityFields(kind: RelationKind): INodeProperties[] {
	const show = (more: Record<string, string[]> = {}) => showFor(kind, ['create'], more);
	if (kind === 'project') {
		return [projectNameField('create')];
	}
	if (kind === 'company') {
		return [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. IncFire Studios',
				description: 'Name of the company; required unless it is identified by its domain',
				displayOptions: show(),
			},
			{
				displayName: 'Identify By',
				name: 'identifyBy',
				type: 'options',
				options: [
					{ name: 'Domain', value: 'domain', description: 'A domain alone identifies a company' },
					{ name: 'Name and Email', value: 'email' },
					{ name: 'Name and Phone', value: 'namePhone' },
				],
				default: 'domain',
				description: 'The identifier Cloze creates the company by (or finds it by, to merge)',
				displayOptions: show(),
			},
			{
				displayName: 'Domain',
				name: 'domain',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. incfire.com',
				displayOptions: show({ identifyBy: ['domain'] }),
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. info@incfire.com',
				required: true,
				default: '',
				displayOptions: show({ identifyBy: ['email'] }),
			},
			phoneField(show({ identifyBy: ['namePhone'] })),
		];
	}
	return [
		{
			displayName: 'Identify By',
			name: 'identifyBy',
			type: 'options',
			options: [
				{
					name: 'Email',
					value: 'email',
					description: 'An e-mail address alone identifies a person',
				},
				{
					name: 'Name and Mobile Phone',
					value: 'namePhone',
					description: 'The phone is sent marked as mobile',
				},
				{ name: 'Name and Social Handle', value: 'nameSocial' },
			],
			default: 'email',
			description: 'The identifier Cloze creates the person by (or finds them by, to merge)',
			displayOptions: show(),
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. jane@example.com',
			required: true,
			default: '',
			displayOptions: show({ identifyBy: ['email'] }),
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Jane Doe',
			description: 'Full name of the person',
			displayOptions: show({ identifyBy: ['email'] }),
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Jane Doe',
			description: 'Full name of the person',
			displayOptions: show({ identifyBy: ['namePhone', 'nameSocial'] }),
		},
		phoneField(show({ identifyBy: ['namePhone'] })),
		{
			displayName: 'Social Network',
			name: 'socialNetwork',
			type: 'options',
			options: SOCIAL_TYPES.map(([value, name]) => ({ name, value })),
			default: 'twitter',
			displayOptions: show({ identifyBy: ['nameSocial'] }),
		},
		{
			displayName: 'Social Handle',
			name: 'socialHandle',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. janedoe',
			displayOptions: show({ identifyBy: ['nameSocial'] }),
		},
	];
}

export function createFields(kind: RelationKind): INodeProperties[] {
	return [
		...identityFields(kind),
		writeFields(kind, 'create'),
		...storedRecordFields(kind, 'create'),
	];
}
