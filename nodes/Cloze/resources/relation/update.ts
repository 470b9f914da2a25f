import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RELATIONS, type RelationKind } from '../../../shared/relations';
import { projectNameField, recordLocator, storedRecordFields, writeFields } from './fields';
import { writeRouting } from './hooks';

export function updateOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Update',
		value: 'update',
		action: `Update a ${noun}`,
		description: `Merge changes into an existing ${noun}: lists such as emails and keywords are added to, other fields replaced`,
		routing: writeRouting(kind, 'update'),
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
