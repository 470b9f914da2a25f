/**
 * Types of the Cloze simulator's public API (index.js). TypeScript tests may
 * `import { startSimulator } from '../simulator'` to use them.
 */
import type { IncomingHttpHeaders } from 'http';

export type Kind = 'person' | 'company' | 'project';

export interface SimulatorOptions {
	/** 0 (default): a free port. */
	port?: number;
	/** Data loaded at start and on reset (default 'none'). */
	seed?: 'none' | 'demo';
	apiKey?: string;
	oauthToken?: string;
	/** Webhook delivery timeout (default 10000). */
	deliveryTimeoutMs?: number;
	/** Messages per /v1/messages/opens page (default 100). */
	messagesPageSize?: number;
	/**
	 * Where the schema and its example differ (profile/user, uniqueid/uniqueId): default 'schema'.
	 */
	answerShapes?: 'schema' | 'example';
	/** This instance's contract violations are expected: the jest contract guard ignores them. */
	expectViolations?: boolean;
	/** Cloze's rate limit: 429 beyond `perSecond` requests a second (none by default). */
	rateLimit?: { perSecond: number; burst?: number } | null;
	/** Cloze's OAuth 2.0 server (/oauth/authorize, /oauth/token). */
	oauth?: {
		clientId?: string;
		clientSecret?: string;
		redirectUris?: string[];
		accessTokenTtlSeconds?: number;
	};
}

/** A breach of the Cloze contract (test/contract/validate.js). */
export interface Violation {
	operation: string;
	rule: 'operation' | 'unknown' | 'type' | 'enum' | 'required' | 'body';
	at: string;
	message: string;
	url: string;
	/** Set once a test took it with acceptViolations(). */
	expected?: boolean;
}

export interface LogEntry {
	method: string;
	path: string;
	/** The query as parsed (a repeated parameter is an array). */
	query: Record<string, any>;
	url: string;
	headers: IncomingHttpHeaders;
	/** The JSON body as parsed (undefined without one). */
	body: any;
	/** The status answered (set once the answer is written). */
	status: number;
	auth: 'bearer-api-key' | 'bearer-oauth' | 'query-api-key' | null;
	time: number;
	violations: Array<Omit<Violation, 'url'>>;
}

export interface Fault {
	method?: string;
	path?: string;
	status?: number;
	body?: unknown;
	retryAfter?: number | string;
	headers?: Record<string, string>;
	malformed?: boolean;
	latencyMs?: number;
	after?: number;
	times?: number;
}

/**
 * A stored person, company or project as Cloze answers it: its fields plus `direct` (the Cloze ID).
 */
export interface SeededRelation {
	direct: string;
	lastChanged: number;
	/** The record's fields (name, emails, domains, segment, stage…, as the kind has them). */
	[field: string]: any;
}

/** A sent message of /v1/messages/opens. */
export interface SeededMessage {
	id: string;
	subject: string;
	date: number;
	from: string;
	to: Array<{ name: string; email: string }>;
	opens: Array<{ date: number; email: string; location: string; device: string }>;
}

export interface RelationStore {
	readonly people: SeededRelation[];
	readonly companies: SeededRelation[];
	readonly projects: SeededRelation[];
	get(kind: Kind, uniqueid: string, options?: { team?: boolean }): SeededRelation | undefined;
	all(kind: Kind): SeededRelation[];
}

/** What the simulator holds besides the relations (reset reloads it). */
export interface SimulatorState {
	store: RelationStore;
	/** Communications, content and to-dos created, oldest first. */
	timeline: Array<Record<string, any>>;
	messages: SeededMessage[];
	/** Webhook subscriptions, as stored. */
	subscriptions: Array<Record<string, any>>;
	/** The team's members (Update Member changes them). */
	members: Array<{
		name: string;
		email: string;
		role: string;
		node: string;
		keywords: string[];
		[field: string]: any;
	}>;
	/** The period of /v1/analytics/teamactivity/update. */
	teamUpdate: { from: number; to: number };
	seedCounter: number;
	messageCounter: number;
}

export class Simulator {
	constructor(options?: SimulatorOptions);
	readonly options: Required<SimulatorOptions>;
	url: string;
	port: number;
	apiKey: string;
	oauthToken: string;
	state: SimulatorState;
	/** Cloze's OAuth 2.0 server: the tokens it issued, its clock. */
	oauth: { clientId: string; clientSecret: string; now: () => number; [member: string]: any };
	/** The rate limiter (`maxInFlight`: the most requests it saw at once). */
	rateLimit: {
		configure(config: SimulatorOptions['rateLimit']): void;
		/** Requests seen, refused (429) and the most in flight at once. */
		stats(): { maxInFlight: number; limited: number; [stat: string]: any };
		[member: string]: any;
	};
	/** The webhook subscriptions and deliveries (`list()` answers as GET /v1/webhooks). */
	webhooks: {
		list(): { errorcode: number; list: Array<Record<string, any>> };
		[member: string]: any;
	};
	readonly store: RelationStore;
	/** Every breach of the Cloze contract since start (reset and clearLog keep them). */
	readonly violations: Violation[];
	/** Takes (returns and marks expected) the violations not yet taken. */
	acceptViolations(): Violation[];
	readonly requests: LogEntry[];
	readonly deliveries: any[];
	reset(options?: { seed?: 'none' | 'demo' }): void;
	clearLog(): void;
	requestsTo(method: string, path: string): LogEntry[];
	addFault(fault: Fault): number;
	clearFaults(): void;
	seedPeople(n: number, defaults?: Record<string, any>): SeededRelation[];
	seedCompanies(n: number, defaults?: Record<string, any>): SeededRelation[];
	seedProjects(n: number, defaults?: Record<string, any>): SeededRelation[];
	seedMessages(n: number, options?: { opens?: boolean; endAt?: number }): SeededMessage[];
	changeRelation(kind: string, uniqueid: string, patch: Record<string, any>): Record<string, any>;
	waitForDeliveries(n: number, timeoutMs?: number): Promise<any[]>;
	close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;

/** Every simulator started in this module instance (the contract guard reads it). */
export const INSTANCES: Set<Simulator>;
export const ROUTES: Array<[string, string, (ctx: any) => any]>;
export const KINDS: readonly Kind[];
export const PROFILE: Readonly<Record<string, any>>;
export const PEOPLE_SEGMENTS: any[];
export const PROJECT_SEGMENTS: any[];
export const PEOPLE_STAGES: any[];
export const PROJECT_STAGES: any[];
export const STEPS: Record<string, any>;
export const CUSTOM_FIELDS: Array<{
	id: string;
	type: string;
	name: string;
	values?: Record<string, any>;
	relations?: Record<string, boolean>;
}>;
export const VIEWS: Record<string, any>;
export const TEAM_MEMBERS: Array<{
	name: string;
	email: string;
	role: string;
	node: string;
	keywords: string[];
}>;
export const TEAM_NODES: Array<{
	node: string;
	fullPathLabel: string;
	leafLabel: string;
	depth: number;
}>;
export const TEAM_ROLES: Array<{ id: string; name: string }>;
export const DEMO_PEOPLE: Array<Record<string, any>>;
export const DEMO_COMPANIES: Array<Record<string, any>>;
export const DEMO_PROJECTS: Array<Record<string, any>>;
export const DEMO_TIMELINE: Array<[string, Record<string, any>]>;
export function DEMO_DIRECT_IDS(): {
	people: Record<string, string>;
	companies: Record<string, string>;
	projects: Record<string, string>;
};
export const ERR: Record<string, number>;
