// Lines wider than Prettier's printWidth (.prettierrc.js) in the files Prettier formats. Prettier
// wraps code, but not a long string, template literal, comment or Markdown line: those are wrapped
// by hand (a string split with +, a comment over two lines). Tabs count as tabWidth columns, as
// Prettier counts them. Left out: JSON (a JSON string cannot be split) and Markdown table rows.
// Exits 1 when it lists any line. `npm run format:check` runs it after `prettier --check`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

import * as prettier from 'prettier';

const root = resolve(import.meta.dirname, '..');
const { printWidth, tabWidth } = createRequire(import.meta.url)(join(root, '.prettierrc.js'));
const ignorePath = join(root, '.prettierignore');

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
	cwd: root,
	encoding: 'utf8',
})
	.split('\n')
	.filter(Boolean);

let wide = 0;
for (const file of files) {
	const path = join(root, file);
	const info = await prettier.getFileInfo(path, { ignorePath }).catch(() => null);
	if (!info || info.ignored || !info.inferredParser || /json/.test(info.inferredParser)) continue;
	const markdown = info.inferredParser === 'markdown';
	readFileSync(path, 'utf8')
		.split('\n')
		.forEach((line, index) => {
			if (markdown && line.trimStart().startsWith('|')) return;
			const width = line.replace(/\t/g, ' '.repeat(tabWidth)).length;
			if (width <= printWidth) return;
			wide++;
			console.log(`${file}:${index + 1}: ${width} columns`);
		});
}

console.log(`${wide || 'No'} lines wider than ${printWidth} columns`);
process.exit(wide ? 1 : 0);
