import type {
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { lookupFields } from './fields';
import { chosenRecord } from './hooks';

/** `postReceive` of Delete: Cloze answers `{ errorcode: 0 }`; the item says what was deleted. */
async function deletedResult(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, uniqueid: chosenRecord(this) } }];
}

export function deleteOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Delete',
		value: 'delete',
		action: `Delete a ${noun}`,
		description: `Delete a ${noun} by e-mail, phone, domain, Cloze ID or another identifier`,
		routing: {
			request: { method: 'DELETE', url: relationPath(kind, 'delete') },
			output: { postReceive: [deletedResult] },
		},
	};
}

export function deleteFields(kind: RelationKind): INodeProperties[] {
	return lookupFields(kind, 'delete');
}
