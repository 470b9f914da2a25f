/**
 * Child processes of the benches: a fresh `node` for each measurement that must not inherit this
 * process's loaded modules or heap. Spawned asynchronously, so that the simulator served by this
 * process keeps answering while a child runs.
 */
import { spawn } from 'node:child_process';

export function runNodeChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(out)
				: reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)),
		);
	});
}

/** The last line of a child's output, parsed as JSON. */
export async function childJson<T>(args: string[], env?: NodeJS.ProcessEnv): Promise<T> {
	const out = await runNodeChild(args, env);
	const lines = out.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]) as T;
}
