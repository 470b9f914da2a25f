#!/usr/bin/env node
'use strict';
/*
 * Screenshots of what a user sees in the n8n editor, taken in a real n8n (default 2.41.1) running
 * the demo (scripts/demo.js: this package against the Cloze simulator), saved under docs/:
 *   n8n-nodes-panel.png      the nodes panel searched for "Cloze"
 *   n8n-search-todo.png      the nodes panel searched for "to-do"
 *   n8n-trigger-events.png   the Cloze card opened: the Cloze Trigger's events
 *   n8n-canvas.png           an example workflow: Cloze nodes with their subtitles
 *   n8n-credential.png       the Cloze API credential form
 *   n8n-trigger-change-values.png  the Cloze Trigger: a change condition's Before list (Stage)
 *   demo.png                 a Cloze node open, a dropdown filled from the simulated account
 *   n8n-human-readable.png   People > Get Many run with Human-Readable Values: labels and ISO dates
 *   n8n-analytics-periods.png  Analytics > Query Activity run with One Item per Period (and
 *                            readable names)
 *   n8n-todo-when.png        Create To-Do: the When date picker open
 *   n8n-phone-type.png       a phone row's Type dropdown open
 *   n8n-custom-date.png      a custom field row's Date Value picker open
 *   n8n-get-many-form.png    the Get Many form: Return All and Limit first
 *   n8n-add-field.png        Create or Update a company: Additional Fields' Add Field list (the
 *                            company's fields only; the person's form is read too)
 *
 *   node scripts/demo-screenshot.js [--dir docs] [--only canvas,credential] [--info demo-info.json]
 *     [--n8n 2.41.1]
 *
 * Without --info it starts `scripts/demo.js` itself (and stops it afterwards). Needs Chromium
 * (Debian: `apt-get install -y chromium`; or CHROMIUM_PATH) and playwright-core, which is installed
 * on demand into the cache folder (~/.cache/n8n-nodes-cloze/playwright), never into the project.
 * Every request the browser makes to another host than 127.0.0.1 is blocked. It prints what each
 * picture shows (texts read from the page), so a run can be checked without opening them.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const H = require('./e2e/harness');
const { cacheRoot } = require('./e2e/n8n-install');

const PLAYWRIGHT_VERSION = '1.65.1';
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

const SHOTS = [
	'nodes-panel',
	'search-todo',
	'trigger-events',
	'canvas',
	'credential',
	'change-values',
	'dropdown',
	'human-readable',
	'analytics-periods',
	'todo-when',
	'phone-type',
	'custom-date',
	'get-many-form',
	'add-field',
];

/** The demo's Cloze API credential (scripts/demo.js). */
const DEMO_CREDENTIAL = { clozeApi: { id: 'clozeApiExample1', name: 'Cloze account' } };

function args() {
	const out = {
		dir: path.join(H.ROOT, 'docs'),
		only: SHOTS.join(','),
		info: undefined,
		n8n: undefined,
		node: 'Upsert Person',
		parameter: 'stage',
	};
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		const key = argv[i].replace(/^--/, '');
		if (!(key in out)) throw new Error(`unknown argument ${argv[i]}`);
		out[key] = argv[++i];
	}
	out.only = out.only.split(',');
	for (const shot of out.only)
		if (!SHOTS.includes(shot)) throw new Error(`unknown shot ${shot} (${SHOTS.join(', ')})`);
	return out;
}

function playwright() {
	const dir = path.join(cacheRoot(), 'playwright');
	const mod = path.join(dir, 'node_modules', 'playwright-core');
	if (!fs.existsSync(path.join(mod, 'package.json'))) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"playwright-host","private":true}\n');
		const r = spawnSync(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--cache',
				path.join(dir, '.npm-cache'),
				`playwright-core@${PLAYWRIGHT_VERSION}`,
			],
			{
				cwd: dir,
				stdio: 'inherit',
			},
		);
		if (r.status !== 0) throw new Error('installing playwright-core failed');
	}
	return require(mod);
}

function chromiumPath() {
	const candidates = [
		process.env.CHROMIUM_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome',
	].filter(Boolean);
	const found = candidates.find((p) => fs.existsSync(p));
	if (!found)
		throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)');
	return found;
}

async function startDemo(n8n) {
	const infoFile = path.join(H.mkTmp('cloze-shot-'), 'info.json');
	const demoArgs = [
		path.join(__dirname, 'demo.js'),
		'--port',
		String(await H.freePort()),
		'--sim-port',
		String(await H.freePort()),
	];
	if (n8n) demoArgs.push('--n8n', n8n);
	const child = H.spawnTracked(process.execPath, demoArgs, {
		env: { ...process.env, CLOZE_DEMO_INFO: infoFile },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	let exited = false;
	child.exited.then(() => (exited = true));
	await H.waitFor(
		'the demo',
		() => {
			if (exited) throw new Error(`the demo stopped:\n${output}`);
			return fs.existsSync(infoFile);
		},
		{ timeoutMs: 15 * 60000, intervalMs: 500 },
	);
	return {
		info: JSON.parse(fs.readFileSync(infoFile, 'utf8')),
		stop: () => H.stopChild(child, 30000),
	};
}

const texts = async (locator) =>
	(await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);

/** A new workflow with the nodes panel open, searched for `query`. */
async function searchNodes(page, info, query) {
	await page.goto(`${info.editorUrl}/workflow/new`);
	await page.locator('[data-test-id="node-creator-plus-button"]').waitFor();
	await dismissPopups(page);
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page
		.locator('[data-test-id="node-creator-search-bar"] input, [data-test-id="search-bar"] input')
		.first();
	await search.waitFor();
	await search.fill(query);
	const items = page.locator(
		'[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]',
	);
	await H.waitFor(`search results for "${query}"`, async () => (await items.count()) > 0, {
		timeoutMs: 10000,
	}).catch(() => {});
	await page.waitForTimeout(700);
	return items;
}

const shots = {
	async 'nodes-panel'(page, info, a, save) {
		const items = await searchNodes(page, info, 'Cloze');
		await save('n8n-nodes-panel.png', `search "Cloze": ${(await texts(items)).join(' | ')}`);
	},
	async 'search-todo'(page, info, a, save) {
		const items = await searchNodes(page, info, 'to-do');
		await save('n8n-search-todo.png', `search "to-do": ${(await texts(items)).join(' | ')}`);
	},
	async 'trigger-events'(page, info, a, save) {
		const items = await searchNodes(page, info, 'Cloze');
		await items.filter({ hasNotText: 'Feed Trigger' }).first().click();
		const actions = page.locator(
			'[data-test-id="node-creator-action-item"], [data-test-id="node-creator-item-name"]',
		);
		await actions.first().waitFor();
		await page.waitForTimeout(700);
		const details = await texts(page.locator('[data-test-id="node-creator"]'));
		await save('n8n-trigger-events.png', `Cloze card opened: ${details.join(' ').slice(0, 600)}`);
	},
	async canvas(page, info, a, save) {
		const workflow = info.workflows.find((w) => w.id === 'clozeExLeadTodo1') || info.workflows[0];
		await page.goto(workflow.url);
		const nodes = page.locator('[data-test-id="canvas-node"]');
		await nodes.first().waitFor();
		await dismissPopups(page);
		await page
			.locator('[data-test-id="zoom-to-fit"]')
			.click()
			.catch(() => {});
		await page.waitForTimeout(1500);
		// A published workflow opens with n8n's "Production Checklist" over the canvas.
		const checklist = page.locator('[data-test-id="suggested-actions-close"]').first();
		if (await checklist.isVisible().catch(() => false)) await checklist.click().catch(() => {});
		await page.waitForTimeout(500);
		await save(
			'n8n-canvas.png',
			`canvas of "${workflow.name}": ${(await texts(nodes)).join(' | ')}`,
		);
	},
	async credential(page, info, a, save) {
		await page.goto(`${info.editorUrl}/home/credentials`);
		const card = page
			.locator('[data-test-id="resources-list-item"], [data-test-id="credential-card"]')
			.filter({ hasText: 'Cloze account' })
			.first();
		await card.waitFor();
		await dismissPopups(page);
		await card.click();
		const modal = page.locator('[data-test-id="editCredential-modal"], .el-dialog').first();
		await modal.waitFor();
		await page.waitForTimeout(1500);
		await save(
			'n8n-credential.png',
			`credential form: ${(await texts(modal)).join(' ').slice(0, 600)}`,
		);
	},
	async dropdown(page, info, a, save) {
		const labels = await openDropdown(page, info, 'clozeExFormLead1', a.node, a.parameter);
		await save('demo.png', `node "${a.node}", ${a.parameter} options: ${labels.join(', ')}`);
	},
	async 'change-values'(page, info, a, save) {
		const labels = await openDropdown(
			page,
			info,
			'clozeExLeadTodo1',
			'Lead Became Active',
			'before',
		);
		await save(
			'n8n-trigger-change-values.png',
			`Cloze Trigger, Change Conditions, Before (field Stage) options: ${labels.join(', ')}`,
		);
	},
};

let client;

/** Opens `nodeName` of the workflow on the page (its parameters panel); returns the panel. */
async function openNodeOnCanvas(page, nodeName) {
	const node = page
		.locator(
			`[data-test-id="canvas-node"][data-node-name="${nodeName}"], ` +
				`[data-test-id="canvas-node"][data-name="${nodeName}"]`,
		)
		.first();
	await node.waitFor();
	await dismissPopups(page);
	await node.dblclick();
	const ndv = page.locator('[data-test-id="ndv"], .ndv-wrapper').first();
	await ndv.waitFor();
	return ndv;
}

/**
 * Creates a workflow (through n8n's REST API, logged in as the demo's owner) of a Manual Trigger
 * and one Cloze node with `parameters` and the demo's credential, opens it and the Cloze node's
 * panel.
 */
async function openClozeNode(page, info, nodeName, parameters) {
	if (!client) {
		client = new H.N8nClient(info.editorUrl);
		await client.login(info);
	}
	const workflow = await client.rest('POST', '/workflows', {
		name: `Screenshot: ${nodeName}`,
		active: false,
		settings: {},
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'cloze',
				name: nodeName,
				type: 'n8n-nodes-cloze.cloze',
				typeVersion: 1,
				position: [260, 0],
				parameters,
				credentials: DEMO_CREDENTIAL,
			},
		],
		connections: { Start: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	});
	await page.goto(`${info.editorUrl}/workflow/${workflow.id}`);
	const ndv = await openNodeOnCanvas(page, nodeName);
	await page.waitForTimeout(1200);
	return ndv;
}

/**
 * Runs the open node ("Execute step") and waits for its output, shown as `view` (Table or JSON);
 * returns the output panel's texts.
 */
async function executeOpenNode(page, view = 'Table') {
	await page.locator('[data-test-id="node-execute-button"]').first().click();
	const output = page.locator('[data-test-id="output-panel"]').first();
	const data = output
		.locator(
			'[data-test-id="ndv-data-container"] table, [data-test-id="ndv-data-container"] ' +
				'.json-data, .vjs-tree',
		)
		.first();
	await data.waitFor({ timeout: 60000 });
	await output.getByText(view, { exact: true }).first().click();
	await page.waitForTimeout(1200);
	return await texts(output);
}

/** Scrolls the node's parameters so that `parameter` shows. */
async function showParameter(page, parameter) {
	await page
		.locator(`[data-test-id="parameter-input-${parameter}"]`)
		.first()
		.scrollIntoViewIfNeeded();
	await page.waitForTimeout(500);
}

/**
 * Clicks a parameter's input (a dropdown or a date picker) and waits for its popup; returns the
 * popup's texts.
 */
async function openPopup(page, parameter, popupSelector) {
	const param = page.locator(`[data-test-id="parameter-input-${parameter}"]:visible`).first();
	await param.scrollIntoViewIfNeeded();
	await page.waitForTimeout(600);
	const popup = page.locator(popupSelector).first();
	for (let attempt = 1; ; attempt++) {
		const input = param.locator('input').first();
		await ((await input.count()) ? input : param).click();
		const opened = await H.waitFor(`the popup of ${parameter}`, async () => popup.isVisible(), {
			timeoutMs: 4000,
		}).catch(() => false);
		if (opened) break;
		if (attempt === 5) throw new Error(`the popup of ${parameter} did not open after 5 clicks`);
		await page.keyboard.press('Escape');
		await page.waitForTimeout(500);
	}
	await page.waitForTimeout(600);
	return await texts(popup);
}

const PICKER = '.el-picker-panel:visible, .el-date-picker:visible';
const DROPDOWN = '.el-select-dropdown:visible, .el-popper:visible .el-select-dropdown__list';

Object.assign(shots, {
	async 'human-readable'(page, info, a, save) {
		await openClozeNode(page, info, 'Find People', {
			resource: 'person',
			operation: 'getAll',
			limit: 5,
			filters: { segment: 'customer' },
			options: { humanReadable: true },
		});
		await page.setViewportSize({ width: 1680, height: 1000 });
		const output = await executeOpenNode(page, 'JSON');
		await save(
			'n8n-human-readable.png',
			`People > Get Many, Human-Readable Values on, output: ${output.join(' ').slice(0, 700)}`,
		);
	},
	async 'analytics-periods'(page, info, a, save) {
		await openClozeNode(page, info, 'Monthly Activity', {
			resource: 'analytics',
			operation: 'activity',
			queries: {
				query: [{ name: 'monthly', scale: 'month', max: 4, measures: ['sentmails', 'rcvdbulk'] }],
			},
			options: { itemPerPeriod: true, humanReadable: true },
		});
		await page.setViewportSize({ width: 1920, height: 1000 });
		const output = await executeOpenNode(page);
		await showParameter(page, 'itemPerPeriod');
		await save(
			'n8n-analytics-periods.png',
			`Analytics > Query Activity, One Item per Period, output: ${output.join(' ').slice(0, 700)}`,
		);
	},
	async 'todo-when'(page, info, a, save) {
		await openClozeNode(page, info, 'Create To-Do', {
			resource: 'timeline',
			operation: 'createTodo',
			subject: 'Send the renewal proposal',
		});
		const picker = await openPopup(page, 'when', PICKER);
		await save(
			'n8n-todo-when.png',
			`Create To-Do, When date picker: ${picker.join(' ').slice(0, 400)}`,
		);
	},
	async 'phone-type'(page, info, a, save) {
		await openClozeNode(page, info, 'Upsert Person', {
			resource: 'person',
			operation: 'create',
			email: 'jane@example.com',
			additionalFields: { phones: { entry: [{ value: '+1 617 555 1234', type: 'mobile' }] } },
		});
		const options = await openPopup(page, 'type', DROPDOWN);
		await save('n8n-phone-type.png', `Phones, Type dropdown: ${options.join(' | ')}`);
	},
	async 'custom-date'(page, info, a, save) {
		await openClozeNode(page, info, 'Upsert Person', {
			resource: 'person',
			operation: 'create',
			email: 'jane@example.com',
			additionalFields: { customFields: { field: [{ id: 'birthday', value: '' }] } },
		});
		// Room below the row, so that the picker opens under it and the row's field stays in view.
		await page.setViewportSize({ width: 1440, height: 1400 });
		await page
			.locator('[data-test-id="parameter-input-id"]')
			.first()
			.evaluate((el) => el.scrollIntoView({ block: 'start' }));
		const picker = await openPopup(page, 'dateValue', PICKER);
		await save(
			'n8n-custom-date.png',
			`Custom field Birthday, Date Value picker: ${picker.join(' ').slice(0, 400)}`,
		);
	},
	async 'get-many-form'(page, info, a, save) {
		const ndv = await openClozeNode(page, info, 'Find People', {
			resource: 'person',
			operation: 'getAll',
		});
		const labels = await texts(
			ndv.locator(
				'[data-test-id="node-parameters"] [data-test-id="parameter-item"] label, ' +
					'[data-test-id="node-parameters"] .parameter-item label',
			),
		);
		await save(
			'n8n-get-many-form.png',
			`People > Get Many form, fields in order: ${labels.join(' | ')}`,
		);
	},
	async 'add-field'(page, info, a, save) {
		// One Additional Fields collection serves several forms: each lists only its own fields.
		const lists = {};
		for (const resource of ['person', 'company']) {
			const ndv = await openClozeNode(page, info, `Upsert ${resource}`, {
				resource,
				operation: 'create',
				identifyBy: resource === 'person' ? 'email' : 'domain',
				[resource === 'person' ? 'email' : 'domain']:
					resource === 'person' ? 'jane@example.com' : 'incfire.com',
			});
			const add = ndv.locator('[data-test-id="collection-parameter-add"]:visible').first();
			await add.scrollIntoViewIfNeeded();
			await add.click();
			const option = page.locator('[data-test-id="collection-parameter-option"]:visible');
			await H.waitFor('the Add Field list', async () => (await option.count()) > 0, {
				timeoutMs: 8000,
			});
			await page.waitForTimeout(800);
			lists[resource] = await texts(option);
			if (resource === 'person') await page.keyboard.press('Escape');
		}
		await save(
			'n8n-add-field.png',
			`Company Create or Update, Additional Fields > Add Field: ${lists.company.join(' | ')}\n` +
				`  (the person's form lists: ${lists.person.join(' | ')})`,
		);
	},
});

/** Opens `nodeName` of an example workflow and the dropdown of `parameter`; returns its labels. */
async function openDropdown(page, info, workflowId, nodeName, parameter) {
	const workflow = info.workflows.find((w) => w.id === workflowId) || info.workflows[0];
	await page.goto(workflow.url);
	await openNodeOnCanvas(page, nodeName);
	const param = page.locator(`[data-test-id="parameter-input-${parameter}"]`).first();
	await param.waitFor();
	// The value shows the label from the live list (e.g. "Lead" for the key "lead"); opening the
	// dropdown lists the simulator's values. The editor may still be animating: retry the click.
	const options = page.locator('.el-select-dropdown__item:visible, .el-select-dropdown li:visible');
	await param.scrollIntoViewIfNeeded();
	await page.waitForTimeout(800);
	for (let attempt = 1; ; attempt++) {
		const input = param.locator('input').first();
		await ((await input.count()) ? input : param).click();
		const opened = await H.waitFor(
			'the dropdown options from the simulator',
			async () => (await options.count()) > 1,
			{ timeoutMs: 4000 },
		).catch(() => false);
		if (opened) break;
		if (attempt === 5)
			throw new Error('the dropdown did not open (or listed nothing) after 5 clicks');
		await page.keyboard.press('Escape');
		await page.waitForTimeout(500);
	}
	await page.waitForTimeout(500);
	return await texts(options);
}

async function main() {
	const a = args();
	H.onSignal('SIGINT');
	H.onSignal('SIGTERM');
	let demo;
	const info = a.info
		? JSON.parse(fs.readFileSync(a.info, 'utf8'))
		: (demo = await startDemo(a.n8n)).info;
	const { chromium } = playwright();
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cloze-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: FLAGS,
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	fs.mkdirSync(a.dir, { recursive: true });
	let current = '';
	try {
		// Only 127.0.0.1: block anything else the editor might try to load.
		await context.route(/^https?:\/\//, (route) => {
			const host = new URL(route.request().url()).hostname;
			return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
		});
		const page = context.pages()[0] || (await context.newPage());
		page.setDefaultTimeout(30000);

		await page.goto(`${info.editorUrl}/signin`);
		await page
			.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
			.first()
			.fill(info.email);
		await page.locator('input[type="password"]').first().fill(info.password);
		await page
			.locator('button[type="submit"], [data-test-id="form-submit-button"]')
			.first()
			.click();
		await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 30000 });

		const save = async (file, what) => {
			await page.screenshot({ path: path.join(a.dir, file) });
			process.stdout.write(`${path.join(a.dir, file)}: ${what}\n`);
		};
		for (const shot of a.only) {
			current = shot;
			await page.setViewportSize({ width: 1440, height: 900 });
			await shots[shot](page, info, a, save);
		}
	} catch (e) {
		const page = context.pages()[0];
		if (page)
			await page
				.screenshot({ path: path.join(a.dir, `${current || 'screenshot'}.error.png`) })
				.catch(() => {});
		throw e;
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
		if (demo) await demo.stop();
	}
}

/** Closes what n8n may show over the canvas on a first visit. */
async function dismissPopups(page) {
	for (const sel of [
		'[data-test-id="close-button"]',
		'.el-dialog__headerbtn',
		'button:has-text("Got it")',
		'button:has-text("Skip")',
	]) {
		const el = page.locator(sel).first();
		if (await el.isVisible().catch(() => false)) await el.click().catch(() => {});
	}
	await page.keyboard.press('Escape').catch(() => {});
}

main().catch(async (e) => {
	process.stderr.write(`${e.stack || e.message}\n`);
	await H.stopAll();
	process.exit(1);
});
