/**
 * Hostile HTTP servers on 127.0.0.1 for the hostile tests: each answers with a handler the test
 * writes (redirect elsewhere, never answer, echo the Authorization header, repeat pages…) and
 * logs every request it received, headers included.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	method: string;
	url: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface Answer {
	status?: number;
	headers?: Record<string, string>;
	/** JSON-encoded unless a string. */
	body?: unknown;
	/** Never answer (the connection stays open until the server closes). */
	hang?: boolean;
	/** Drop the connection without answering. */
	drop?: boolean;
}

export type Handler = (request: Received, index: number) => Answer | Promise<Answer>;

export interface HostileServer {
	url: string;
	host: string;
	requests: Received[];
	handle(handler: Handler): void;
	close(): Promise<void>;
}

export async function startHostile(
	handler: Handler = () => ({ status: 404, body: {} }),
): Promise<HostileServer> {
	let current = handler;
	const requests: Received[] = [];
	const sockets = new Set<import('node:net').Socket>();
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', async () => {
			const u = new URL(req.url ?? '/', 'http://127.0.0.1');
			const received: Received = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				path: u.pathname,
				query: Object.fromEntries(u.searchParams),
				headers: req.headers,
				body,
			};
			requests.push(received);
			const answer = await current(received, requests.length - 1);
			if (answer.hang) return;
			if (answer.drop) return void req.socket.destroy();
			const text =
				typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
			res.writeHead(answer.status ?? 200, {
				'Content-Type': 'application/json',
				...(answer.headers ?? {}),
			});
			res.end(text);
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		requests,
		handle(next) {
			current = next;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** The Cloze profile answer. */
export const PROFILE_BODY = { errorcode: 0, user: { email: 'owner@example.com', name: 'Owner' } };

/**
 * A hostile server for the tests of one file: started before them, closed after them, its request
 * log emptied before each test. The object stands for the running server.
 */
export function useHostile(handler?: Handler): HostileServer {
	let server: HostileServer | undefined;
	const live = (): HostileServer => {
		if (!server) throw new Error('the hostile server runs only while the tests of its file do');
		return server;
	};
	beforeAll(async () => {
		server = await startHostile(handler);
	});
	afterAll(async () => await server?.close());
	beforeEach(() => {
		if (server) server.requests.length = 0;
	});
	return {
		get url() {
			return live().url;
		},
		get host() {
			return live().host;
		},
		get requests() {
			return live().requests;
		},
		handle: (next: Handler) => live().handle(next),
		close: async () => await live().close(),
	};
}
