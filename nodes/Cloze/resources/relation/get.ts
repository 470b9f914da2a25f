import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readRecordAnswer } from '../../../shared/records';
import { RELATIONS, relationPath, type RelationKind } from '../../../shared/relations';
import { humanReadableOption, readableAnswer } from '../../../shared/readable';
import { lookupFields, showFor, simplifyField } from './fields';
import { requireRecord } from './hooks';

/**
 * Get: `GET /v1/<plural>/get?uniqueid=<Record>[&team=true]`. `requireRecord` refuses an empty
 * Record and sends it as `uniqueid`; the Team switch (lookupFields) sends `team`; the answer's
 * record is the item (`readRecordAnswer`, simplified when asked). The node-level hooks every
 * request passes are listed in docs/CONVENTIONS.md ("Where a request is decided").
 */
export function getOperation(kind: RelationKind): INodePropertyOptions {
	const { noun } = RELATIONS[kind];
	return {
		name: 'Get',
		value: 'get',
		action: `Get a ${noun}`,
		description: `Get a ${noun} by e-mail, phone, domain, Cloze ID or another identifier`,
		routing: {
			request: { method: 'GET', url: relationPath(kind, 'get') },
			send: { preSend: [requireRecord(kind)] },
			output: { postReceive: [readRecordAnswer(kind), readableAnswer(kind)] },
		},
	};
}

export function getFields(kind: RelationKind): INodeProperties[] {
	return [
		...lookupFields(kind, 'get'),
		simplifyField(kind, ['get']),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor(kind, ['get']),
			options: [humanReadableOption],
		},
	];
}
