#!/usr/bin/env node
/**
 * Licensing catalogue generator (plain Node, no dependencies, runs offline).
 *
 * Input:  data/licensing/licensing-service-plan-reference.md — Microsoft Entra's "Product names and service plan
 *         identifiers for licensing" (MicrosoftDocs/entra-docs), saved verbatim with its front matter.
 *         data/licensing/classification.json — the hand-reviewed class of every SharePoint / OneDrive / Office for the
 *         web service plan (see data/licensing/README.md).
 * Output: data/licensing/catalogue.json — every SKU of the reference with its service plans (lowercase GUIDs,
 *         sorted by skuPartNumber);
 *         src/common/licensing/catalogue.generated.ts — the compact browser module (classified plan ids, their names,
 *         the source), in the web part's entry chunk;
 *         src/common/licensing/skuNames.generated.ts — the display names of the SKUs that carry a classified plan,
 *         loaded on demand.
 *
 * Usage:  npm run licensing:generate            (writes the three files, prints their sizes)
 *         node scripts/licensing/generate-catalogue.cjs --check   (exit 1 when a checked-in file is out of date)
 *
 * The functions are exported so tests regenerate in memory and compare with the checked-in files.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const MARKDOWN_PATH = path.join(ROOT, 'data', 'licensing', 'licensing-service-plan-reference.md');
const CLASSIFICATION_PATH = path.join(ROOT, 'data', 'licensing', 'classification.json');
const CATALOGUE_PATH = path.join(ROOT, 'data', 'licensing', 'catalogue.json');
const MODULE_PATH = path.join(ROOT, 'src', 'common', 'licensing', 'catalogue.generated.ts');
const SKU_NAMES_PATH = path.join(ROOT, 'src', 'common', 'licensing', 'skuNames.generated.ts');

/**
 * Where the saved markdown came from. The commit is the MicrosoftDocs/entra-docs commit whose version of the file was
 * saved; `retrieved` is the day it was copied. Update both when the markdown is refreshed.
 */
const SOURCE = Object.freeze({
  repo: 'MicrosoftDocs/entra-docs',
  path: 'docs/identity/users/licensing-service-plan-reference.md',
  commit: '067a0c7b0bb2091db6379c757c7aca0bc4f89d4a',
  retrieved: '2026-12-02',
});

/**
 * The rule that decides which service plans must be classified: a plan whose string id or any of its friendly names
 * in the reference mentions SharePoint, OneDrive or Office for the web (SHAREPOINTWAC, also shown as "Office Online").
 */
const CLASSIFY_RULE = /sharepoint|onedrive|office for the web|office online|\bWAC\b/i;

const GUID_IN_PARENS = /\(\s*([0-9a-f]{8}\s*-?\s*[0-9a-f]{4}\s*-?\s*[0-9a-f]{4}\s*-?\s*[0-9a-f]{4}\s*-?\s*[0-9a-f]{12})\s*(?:\)|$)/gi;

/** Lowercase 8-4-4-4-12 form of a GUID written with stray spaces or a missing dash; undefined when it is not one. */
function normalizeGuid(text) {
  const hex = String(text).replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 32) {
    return undefined;
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Drops trailing ")" that have no opening "(" in the name (the reference has a few "NAME) (guid)" typos). */
function tidyName(text) {
  let name = text.replace(/\s+/g, ' ').trim();
  const count = (s, c) => s.split(c).length - 1;
  while (name.endsWith(')') && count(name, ')') > count(name, '(')) {
    name = name.slice(0, -1).trim();
  }
  while (name.startsWith('(') && count(name, '(') > count(name, ')')) {
    name = name.slice(1).trim();
  }
  return name;
}

/** "NAME (guid)<br/>NAME (guid)…" → [{ id, name }] in document order; tolerant of the reference's typos. */
function parsePlanCell(cell) {
  const items = [];
  for (const part of cell.split(/<br\s*\/?>/i)) {
    let last = 0;
    GUID_IN_PARENS.lastIndex = 0;
    let match;
    while ((match = GUID_IN_PARENS.exec(part)) !== null) {
      const id = normalizeGuid(match[1]);
      if (id) {
        items.push({ id, name: tidyName(part.slice(last, match.index)) });
      }
      last = match.index + match[0].length;
    }
  }
  return items;
}

/** A string id such as SHAREPOINTSTANDARD (no spaces); friendly names have spaces. */
function looksLikeStringId(name) {
  return name.length > 0 && !/\s/.test(name);
}

function splitRow(line) {
  let body = line.trim();
  if (!body.startsWith('|')) {
    return undefined;
  }
  body = body.slice(1);
  if (body.endsWith('|')) {
    body = body.slice(0, -1);
  }
  return body.split('|').map((cell) => cell.trim());
}

/** The front matter's ms.date ("10/29/2025") as an ISO date ("2025-10-29"). */
function readMsDate(markdown) {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  const line = front ? /^ms\.date:\s*(\S+)\s*$/m.exec(front[1]) : null;
  if (!line) {
    throw new Error('licensing reference: no ms.date in the front matter');
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(line[1]);
  return us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : line[1];
}

function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses the reference table. Rows: Product name | String ID | GUID | Service plans included | Service plans included
 * (friendly names). Rows repeated in the reference (same SKU GUID) are merged; a plan listed twice in a SKU is kept
 * once. A few rows have the two plan columns swapped (friendly names first): the column whose entries look like
 * string ids is taken as the plan names.
 */
function parseReference(markdown, source) {
  const bySkuId = new Map();
  const warnings = [];
  for (const line of markdown.split(/\r?\n/)) {
    const cells = splitRow(line);
    if (!cells || cells.length < 5) {
      continue;
    }
    const skuId = normalizeGuid(cells[2]);
    if (!skuId || !/^[\s0-9a-fA-F-]+$/.test(cells[2])) {
      continue;
    }
    if (cells.length > 5) {
      warnings.push(`row "${cells[0]}" has ${cells.length} cells; the extra ones are ignored`);
    }
    let names = parsePlanCell(cells[3]);
    let friendly = parsePlanCell(cells[4]);
    const idLike = (list) => list.filter((p) => looksLikeStringId(p.name)).length;
    if (idLike(friendly) > idLike(names)) {
      [names, friendly] = [friendly, names];
    }
    const friendlyById = new Map();
    for (const plan of friendly) {
      if (!friendlyById.has(plan.id) && plan.name) {
        friendlyById.set(plan.id, plan.name);
      }
    }
    let sku = bySkuId.get(skuId);
    if (!sku) {
      sku = { skuId, skuPartNumber: cells[1], displayName: tidyName(cells[0]), servicePlans: [] };
      bySkuId.set(skuId, sku);
    } else {
      warnings.push(`SKU ${skuId} (${cells[1]}) is listed more than once; its plans are merged`);
    }
    const seen = new Set(sku.servicePlans.map((p) => p.servicePlanId));
    const addPlan = (id, name, friendlyName) => {
      if (seen.has(id)) {
        return;
      }
      seen.add(id);
      sku.servicePlans.push({ servicePlanId: id, servicePlanName: name || friendlyName || id, friendlyName: friendlyName || name || id });
    };
    for (const plan of names) {
      addPlan(plan.id, plan.name, friendlyById.get(plan.id));
    }
    // A plan that only appears in the friendly column still belongs to the SKU.
    for (const plan of friendly) {
      addPlan(plan.id, undefined, plan.name);
    }
  }
  const skus = Array.from(bySkuId.values()).sort(
    (a, b) => compareText(a.skuPartNumber.toLowerCase(), b.skuPartNumber.toLowerCase()) || compareText(a.skuPartNumber, b.skuPartNumber) || compareText(a.skuId, b.skuId),
  );
  return {
    catalogue: {
      source: { repo: source.repo, path: source.path, commit: source.commit, msDate: readMsDate(markdown), retrieved: source.retrieved },
      skus,
    },
    warnings,
  };
}

/** Every distinct service plan of the catalogue with all the names the reference gives it. */
function distinctPlans(catalogue) {
  const plans = new Map();
  for (const sku of catalogue.skus) {
    for (const plan of sku.servicePlans) {
      let entry = plans.get(plan.servicePlanId);
      if (!entry) {
        entry = { servicePlanId: plan.servicePlanId, servicePlanName: plan.servicePlanName, names: new Set(), skus: [] };
        plans.set(plan.servicePlanId, entry);
      }
      entry.names.add(plan.servicePlanName);
      entry.names.add(plan.friendlyName);
      entry.skus.push(sku.skuPartNumber);
    }
  }
  return plans;
}

/** Plans the rule says must be classified, sorted by id: [{ servicePlanId, servicePlanName, names: string[] }]. */
function plansMatchingRule(catalogue) {
  const out = [];
  for (const entry of distinctPlans(catalogue).values()) {
    const names = Array.from(entry.names).sort(compareText);
    if (names.some((name) => CLASSIFY_RULE.test(name))) {
      out.push({ servicePlanId: entry.servicePlanId, servicePlanName: entry.servicePlanName, names });
    }
  }
  return out.sort((a, b) => compareText(a.servicePlanName, b.servicePlanName) || compareText(a.servicePlanId, b.servicePlanId));
}

/** catalogue.json text: one SKU header per line group, one plan per line, stable across runs. */
function renderCatalogueJson(catalogue) {
  const lines = ['{', `  "source": ${JSON.stringify(catalogue.source)},`, '  "skus": ['];
  catalogue.skus.forEach((sku, index) => {
    lines.push('    {');
    lines.push(`      "skuId": ${JSON.stringify(sku.skuId)},`);
    lines.push(`      "skuPartNumber": ${JSON.stringify(sku.skuPartNumber)},`);
    lines.push(`      "displayName": ${JSON.stringify(sku.displayName)},`);
    lines.push('      "servicePlans": [');
    sku.servicePlans.forEach((plan, planIndex) => {
      lines.push(`        ${JSON.stringify(plan)}${planIndex < sku.servicePlans.length - 1 ? ',' : ''}`);
    });
    lines.push('      ]');
    lines.push(`    }${index < catalogue.skus.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

function checkClassification(classification) {
  const classes = new Set(['sharepoint', 'onedrive', 'not-sharepoint']);
  const seen = new Set();
  for (const entry of classification.plans) {
    const id = normalizeGuid(entry.servicePlanId);
    if (!id || id !== entry.servicePlanId) {
      throw new Error(`classification: "${entry.servicePlanId}" is not a lowercase GUID`);
    }
    if (!classes.has(entry.class)) {
      throw new Error(`classification: ${entry.servicePlanName} has class "${entry.class}"`);
    }
    if (seen.has(id)) {
      throw new Error(`classification: ${entry.servicePlanName} (${id}) is listed twice`);
    }
    if (!entry.reason || !String(entry.reason).trim()) {
      throw new Error(`classification: ${entry.servicePlanName} has no reason`);
    }
    seen.add(id);
  }
}

function idSet(ids) {
  return ids.length === 0 ? 'new Set<string>()' : `new Set<string>([\n${ids.map((id) => `  '${id}',`).join('\n')}\n])`;
}

function quote(text) {
  return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The SKUs whose names the browser module carries: every SKU with at least one plan of `classified` (a Set of ids). */
function namedSkus(catalogue, classified) {
  return catalogue.skus.filter((sku) => sku.servicePlans.some((plan) => classified.has(plan.servicePlanId)));
}

/** The compact browser module: classified plan ids, their names, the source (in the web part's entry chunk). */
function renderModule(catalogue, classification) {
  checkClassification(classification);
  const byClass = { sharepoint: [], onedrive: [], 'not-sharepoint': [] };
  const planNames = [];
  const sorted = classification.plans.slice().sort((a, b) => compareText(a.servicePlanId, b.servicePlanId));
  for (const entry of sorted) {
    byClass[entry.class].push(entry.servicePlanId);
    planNames.push(`  '${entry.servicePlanId}': ${quote(entry.servicePlanName)},`);
  }
  const source = catalogue.source;
  return [
    '/* eslint-disable */',
    '// GENERATED by scripts/licensing/generate-catalogue.cjs (npm run licensing:generate) from',
    '// data/licensing/licensing-service-plan-reference.md and data/licensing/classification.json. Do not edit.',
    '// The SKU names are in skuNames.generated.ts, a chunk of their own (src/common/licensing/index.ts).',
    '',
    '/** Where the data comes from: Microsoft Entra\'s "Product names and service plan identifiers for licensing". */',
    'export const CATALOGUE_SOURCE = {',
    `  repo: ${quote(source.repo)},`,
    `  path: ${quote(source.path)},`,
    `  commit: ${quote(source.commit)},`,
    `  msDate: ${quote(source.msDate)},`,
    '} as const;',
    '',
    '/** SharePoint Online plans: SharePoint sites and a OneDrive for the user. */',
    `export const SHAREPOINT_PLAN_IDS: ReadonlySet<string> = ${idSet(byClass.sharepoint)};`,
    '',
    '/** OneDrive-only plans: a OneDrive for the user, no SharePoint Online team sites. */',
    `export const ONEDRIVE_ONLY_PLAN_IDS: ReadonlySet<string> = ${idSet(byClass.onedrive)};`,
    '',
    '/** Plans named after SharePoint / OneDrive / Office for the web that do not by themselves license SharePoint or OneDrive. */',
    `export const NOT_SHAREPOINT_PLAN_IDS: ReadonlySet<string> = ${idSet(byClass['not-sharepoint'])};`,
    '',
    '/** String id of every classified plan. */',
    'export const PLAN_NAMES: Readonly<Record<string, string>> = {',
    ...planNames,
    '};',
    '',
  ].join('\n');
}

/**
 * The SKU names module, loaded on demand (its own chunk): names only for the SKUs the readiness evidence is about, those
 * carrying a classified (SharePoint / OneDrive / Office for the web) plan — 174 of 610, ≈ 7 KB gzip instead of ≈ 24 KB.
 * Every other SKU shows its part number, as Graph gives it (docs/bundle.md).
 */
function renderSkuNamesModule(catalogue, classification) {
  checkClassification(classification);
  const classified = new Set(classification.plans.map((entry) => entry.servicePlanId));
  const skuNames = namedSkus(catalogue, classified)
    .sort((a, b) => compareText(a.skuId, b.skuId))
    .map((sku) => `  '${sku.skuId}': [${quote(sku.skuPartNumber)}, ${quote(sku.displayName)}],`);
  return [
    '/* eslint-disable */',
    '// GENERATED by scripts/licensing/generate-catalogue.cjs (npm run licensing:generate) from',
    '// data/licensing/licensing-service-plan-reference.md and data/licensing/classification.json. Do not edit.',
    '// Loaded on demand: import it only through loadSkuNames() in src/common/licensing/index.ts.',
    '',
    '/**',
    ' * SKUs of the reference that carry a classified (SharePoint / OneDrive / Office for the web) plan: skuId →',
    ' * [skuPartNumber, product name as the admin center shows it]. Other SKUs are named by their part number.',
    ' */',
    'export const SKU_NAMES: Readonly<Record<string, readonly [string, string]>> = {',
    ...skuNames,
    '};',
    '',
  ].join('\n');
}

/** Everything the generator would write, computed in memory from the saved markdown and classification. */
function generate(markdown, classification, source) {
  const { catalogue, warnings } = parseReference(markdown, source || SOURCE);
  return {
    catalogue,
    warnings,
    catalogueJson: renderCatalogueJson(catalogue),
    moduleText: renderModule(catalogue, classification),
    skuNamesText: renderSkuNamesModule(catalogue, classification),
  };
}

function readInputs() {
  return {
    markdown: fs.readFileSync(MARKDOWN_PATH, 'utf8'),
    classification: JSON.parse(fs.readFileSync(CLASSIFICATION_PATH, 'utf8')),
  };
}

function main(argv) {
  const { markdown, classification } = readInputs();
  const result = generate(markdown, classification, SOURCE);
  const unclassified = plansMatchingRule(result.catalogue).filter(
    (plan) => !classification.plans.some((entry) => entry.servicePlanId === plan.servicePlanId),
  );
  for (const warning of result.warnings) {
    process.stderr.write(`note: ${warning}\n`);
  }
  if (argv.includes('--check')) {
    const stale = [];
    if (!fs.existsSync(CATALOGUE_PATH) || fs.readFileSync(CATALOGUE_PATH, 'utf8') !== result.catalogueJson) stale.push(CATALOGUE_PATH);
    if (!fs.existsSync(MODULE_PATH) || fs.readFileSync(MODULE_PATH, 'utf8') !== result.moduleText) stale.push(MODULE_PATH);
    if (!fs.existsSync(SKU_NAMES_PATH) || fs.readFileSync(SKU_NAMES_PATH, 'utf8') !== result.skuNamesText) stale.push(SKU_NAMES_PATH);
    if (stale.length > 0 || unclassified.length > 0) {
      for (const file of stale) process.stderr.write(`out of date: ${path.relative(ROOT, file)}\n`);
      for (const plan of unclassified) process.stderr.write(`unclassified: ${plan.servicePlanName} ${plan.servicePlanId} (${plan.names.join(' / ')})\n`);
      process.exit(1);
    }
    process.stdout.write('licensing catalogue is up to date\n');
    return;
  }
  fs.mkdirSync(path.dirname(MODULE_PATH), { recursive: true });
  fs.writeFileSync(CATALOGUE_PATH, result.catalogueJson);
  fs.writeFileSync(MODULE_PATH, result.moduleText);
  fs.writeFileSync(SKU_NAMES_PATH, result.skuNamesText);
  const planCount = distinctPlans(result.catalogue).size;
  process.stdout.write(
    `${path.relative(ROOT, CATALOGUE_PATH)}: ${result.catalogue.skus.length} SKUs, ${planCount} distinct service plans, ${Buffer.byteLength(result.catalogueJson)} bytes\n` +
      `${path.relative(ROOT, MODULE_PATH)}: ${classification.plans.length} classified plans, ${Buffer.byteLength(result.moduleText)} bytes\n` +
      `${path.relative(ROOT, SKU_NAMES_PATH)}: names of the SKUs with a classified plan, ${Buffer.byteLength(result.skuNamesText)} bytes\n`,
  );
  if (unclassified.length > 0) {
    process.stderr.write(`${unclassified.length} plan(s) match the rule but are not in classification.json:\n`);
    for (const plan of unclassified) process.stderr.write(`  ${plan.servicePlanName} ${plan.servicePlanId} (${plan.names.join(' / ')})\n`);
    process.exitCode = 1;
  }
}

module.exports = {
  SOURCE,
  CLASSIFY_RULE,
  MARKDOWN_PATH,
  CLASSIFICATION_PATH,
  CATALOGUE_PATH,
  MODULE_PATH,
  SKU_NAMES_PATH,
  normalizeGuid,
  parsePlanCell,
  parseReference,
  distinctPlans,
  plansMatchingRule,
  renderCatalogueJson,
  renderModule,
  renderSkuNamesModule,
  namedSkus,
  generate,
};

if (require.main === module) {
  main(process.argv.slice(2));
}
