import type { INodeProperties } from 'n8n-workflow';

import { RELATION_OPERATIONS, relationDescription, type OperationValue } from '../relation';

/**
 * The operations of people: those people, companies and projects share (`relation/index.ts`), then
 * the person-only ones. A person-only operation is one file in this folder and one entry here
 * (`relationOperation(value, option, fields)`); its value joins `PersonOperation` by itself.
 */
export const personOperations = [...RELATION_OPERATIONS] as const;

export type PersonOperation = OperationValue<typeof personOperations>;

export const personDescription: INodeProperties[] = relationDescription('person', personOperations);
