/** Small statistics and formatting helpers of the benches. */

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ratio = (value: number) => `${value.toFixed(2)}x`;

/** A goal and whether the figure meets it, as the table shows it. */
export const verdict = (met: boolean) => (met ? 'met' : '**MISSED**');
