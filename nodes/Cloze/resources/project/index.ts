import type { INodeProperties } from 'n8n-workflow';

import { RELATION_OPERATIONS, relationDescription, type OperationValue } from '../relation';

/**
 * The operations of projects: those people, companies and projects share (`relation/index.ts`),
 * then the project-only ones. A project-only operation is one file in this folder and one entry
 * here (`relationOperation(value, option, fields)`); its value joins `ProjectOperation` by itself.
 */
export const projectOperations = [...RELATION_OPERATIONS] as const;

export type ProjectOperation = OperationValue<typeof projectOperations>;

export const projectDescription: INodeProperties[] = relationDescription(
	'project',
	projectOperations,
);
