import type { INodeProperties } from 'n8n-workflow';

import { RELATION_OPERATIONS, relationDescription, type OperationValue } from '../relation';

/**
 * The operations of companies: those people, companies and projects share (`relation/index.ts`),
 * then the company-only ones. A company-only operation is one file in this folder and one entry
 * here (`relationOperation(value, option, fields)`); its value joins `CompanyOperation` by itself.
 */
export const companyOperations = [...RELATION_OPERATIONS] as const;

export type CompanyOperation = OperationValue<typeof companyOperations>;

export const companyDescription: INodeProperties[] = relationDescription(
	'company',
	companyOperations,
);
