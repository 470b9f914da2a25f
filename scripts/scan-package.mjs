// n8n's community package scanner (@n8n/scan-community-package, offline): its analyzePackage over
// the source tree and over the unpacked `npm pack` tarball, exactly what users will install.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
let failed = false;

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	console.log(
		`analyzePackage ${label}: ${result.passed ? 'passed' : `FAILED - ${result.message}`}`,
	);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

await scan('(source)', root, SOURCE_FILE_PATTERNS);

const work = mkdtempSync(join(tmpdir(), 'cloze-pack-'));
try {
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	});
	const [{ filename }] = JSON.parse(output);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	await scan('(npm pack tarball)', join(work, 'package'));
} finally {
	rmSync(work, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
