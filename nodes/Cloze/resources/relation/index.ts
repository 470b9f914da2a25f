import type { INodeProperties } from 'n8n-workflow';

import type { RelationKind } from '../../../shared/relations';
import { createFields, createOperation } from './create';
import { deleteFields, deleteOperation } from './delete';
import { getFields, getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getChangesFields, getChangesOperation } from './getChanges';
import { updateFields, updateOperation } from './update';

/**
 * The Operation list and the fields of one relation resource: people, companies and projects share
 * their operations, each written once as a factory of the kind.
 */
export function relationDescription(kind: RelationKind): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [kind] } },
			options: [
				createOperation(kind),
				deleteOperation(kind),
				getOperation(kind),
				getChangesOperation(kind),
				getAllOperation(kind),
				updateOperation(kind),
			],
			default: 'get',
		},
		...createFields(kind),
		...updateFields(kind),
		...getFields(kind),
		...deleteFields(kind),
		...getAllFields(kind),
		...getChangesFields(kind),
	];
}
