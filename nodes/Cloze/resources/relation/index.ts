import type { INodeProperties } from 'n8n-workflow';

import type { RelationKind } from '../../../shared/relations';
import { createFields, createOperation } from './create';
import { deleteFields, deleteOperation } from './delete';
import { getFields, getOperation } from './get';
import { getAllFields, getAllOperation } from './getAll';
import { getChangesFields, getChangesOperation } from './getChanges';
import { relationOperation, type RelationOperationDefinition } from './operation';
import { updateFields, updateOperation } from './update';

export {
	relationOperation,
	type OperationOf,
	type OperationValue,
	type RelationOperation,
} from './operation';

/**
 * The operations people, companies and projects share, each written once (one file each) as a
 * factory of the kind, in the order their fields stand in the form. Each kind's list
 * (`person/index.ts`, `company/index.ts`, `project/index.ts`) starts with these and adds its own.
 */
export const RELATION_OPERATIONS = [
	relationOperation('create', createOperation, createFields),
	relationOperation('update', updateOperation, updateFields),
	relationOperation('get', getOperation, getFields),
	relationOperation('delete', deleteOperation, deleteFields),
	relationOperation('getAll', getAllOperation, getAllFields),
	relationOperation('getChanges', getChangesOperation, getChangesFields),
] as const;

/**
 * The Operation list and the fields of one relation resource, from the kind's list of operations:
 * the options sorted by name (as the editor lists them), the fields in the list's order.
 */
export function relationDescription(
	kind: RelationKind,
	operations: readonly RelationOperationDefinition[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [kind] } },
			options: operations
				.map((operation) => operation.option(kind))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: 'get',
		},
		...operations.flatMap((operation) => operation.fields(kind)),
	];
}
