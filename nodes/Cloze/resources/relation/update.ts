import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { projectNameField, recordLocator, storedRecordFields, writeFields } from './fields';
import { relationBody } from './body';
import { writePagination } from './hooks';

/**
 * Update: `POST /v1/<plural>/update` with the body `relationBody` builds from the Record (by an
 * identifier it can send in the body) and the write table (writeFields.ts); `writePagination` sends
 * it through the driver and, with Return Stored Record on, reads the record back with `get`.
 * Node-level hooks: docs/CONVENTIONS.md ("Where a request is decided").
 */
export function updateOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Update',
		value: 'update',
		action: `Update a ${noun}`,
		description:
			`Merge changes into an existing ${noun}: lists such as emails and keywords are added ` +
			'to, other fields replaced',
		routing: {
			request: { method: 'POST', url: relationPath(kind, 'update') },
			send: { preSend: [relationBody(kind, 'update')] },
			operations: { pagination: writePagination(kind, 'update') },
		},
	};
}

export function updateFields(kind: RelationKind): INodeProperties[] {
	const fields: INodeProperties[] = [recordLocator(kind, 'update')];
	if (kind === 'project') {
		fields.push(projectNameField('update'));
	}
	fields.push(writeFields(kind, 'update'), ...storedRecordFields(kind, 'update'));
	return fields;
}
