import type {
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { lookupFields } from './fields';
import { chosenRecord, requireRecord } from './hooks';

/** `postReceive` of Delete: Cloze answers `{ errorcode: 0 }`; the item says what was deleted. */
async function deletedResult(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, uniqueid: chosenRecord(this) } }];
}

/**
 * Delete: `DELETE /v1/<plural>/delete?uniqueid=<Record>[&team=true]`. `requireRecord` refuses an
 * empty Record and sends it as `uniqueid`; the Team switch (lookupFields) sends `team`; the item
 * is `deletedResult`. Node-level hooks: docs/CONVENTIONS.md ("Where a request is decided").
 */
export function deleteOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Delete',
		value: 'delete',
		action: `Delete a ${noun}`,
		description: `Delete a ${noun} by e-mail, phone, domain, Cloze ID or another identifier`,
		routing: {
			request: { method: 'DELETE', url: relationPath(kind, 'delete') },
			send: { preSend: [requireRecord(kind)] },
			output: { postReceive: [deletedResult] },
		},
	};
}

export function deleteFields(kind: RelationKind): INodeProperties[] {
	return lookupFields(kind, 'delete');
}
