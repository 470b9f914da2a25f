import type { INodeProperties } from 'n8n-workflow';

import { relationDescription } from '../relation';

export const projectDescription: INodeProperties[] = relationDescription('project');
