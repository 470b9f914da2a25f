import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { RelationKind } from '../../../shared/relations';
import type { companyOperations } from '../company';
import type { personOperations } from '../person';
import type { projectOperations } from '../project';

/**
 * One operation of the People, Companies or Projects resource: its Operation option (name,
 * action, description and the whole `routing` of its request) and its fields, both for a kind.
 * Each kind's `index.ts` holds the list of its operations (`personOperations`…); the types below
 * are derived from those lists, so adding an operation to a list is all the typing it needs.
 */
export interface RelationOperationDefinition<Value extends string = string> {
	readonly value: Value;
	option(kind: RelationKind): INodePropertyOptions;
	fields(kind: RelationKind): INodeProperties[];
}

/** An operation of the list: `value` is the option's value (the one a saved workflow holds). */
export function relationOperation<Value extends string>(
	value: Value,
	option: (kind: RelationKind) => INodePropertyOptions,
	fields: (kind: RelationKind) => INodeProperties[],
): RelationOperationDefinition<Value> {
	return { value, option: (kind) => ({ ...option(kind), value }), fields };
}

/** The operation values of a list of operations. */
export type OperationValue<List extends readonly RelationOperationDefinition[]> =
	List[number]['value'];

/**
 * The operations of a kind, from its list (`OperationOf<'person'>` includes the person-only ones).
 */
export type OperationOf<Kind extends RelationKind> = {
	person: OperationValue<typeof personOperations>;
	company: OperationValue<typeof companyOperations>;
	project: OperationValue<typeof projectOperations>;
}[Kind];

/** Any operation of people, companies or projects. */
export type RelationOperation = OperationOf<RelationKind>;
