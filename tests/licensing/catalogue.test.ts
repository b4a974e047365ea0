/**
 * The licensing catalogue: generated files are up to date, every SharePoint / OneDrive / Office for the web plan is
 * classified, and facts read off Microsoft's table hold (an oracle independent of the parser).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CATALOGUE_SOURCE,
  hasOneDrivePlan,
  hasSharePointPlan,
  isOneDriveOnlyPlanId,
  isSharePointPlanId,
  planClass,
  planName,
  skuDisplayName,
  skuPartNumber,
} from '../../src/common/licensing';
import { SKU_NAMES } from '../../src/common/licensing/skuNames.generated';

interface CatalogueServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  friendlyName: string;
}
interface CatalogueSku {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  servicePlans: CatalogueServicePlan[];
}
interface Catalogue {
  source: { repo: string; path: string; commit: string; msDate: string; retrieved: string };
  skus: CatalogueSku[];
}
interface ClassificationEntry {
  servicePlanId: string;
  servicePlanName: string;
  class: string;
  reason: string;
}
interface Classification {
  rule: string;
  oneDriveOnlyTenant: string;
  plans: ClassificationEntry[];
}
interface Generated {
  catalogue: Catalogue;
  warnings: string[];
  catalogueJson: string;
  moduleText: string;
  skuNamesText: string;
}
interface MatchedPlan {
  servicePlanId: string;
  servicePlanName: string;
  names: string[];
}
interface GeneratorModule {
  SOURCE: { repo: string; path: string; commit: string; retrieved: string };
  MARKDOWN_PATH: string;
  CLASSIFICATION_PATH: string;
  CATALOGUE_PATH: string;
  MODULE_PATH: string;
  SKU_NAMES_PATH: string;
  generate(markdown: string, classification: Classification): Generated;
  plansMatchingRule(catalogue: Catalogue): MatchedPlan[];
  parsePlanCell(cell: string): Array<{ id: string; name: string }>;
  normalizeGuid(text: string): string | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../scripts/licensing/generate-catalogue.cjs') as GeneratorModule;

const markdown = fs.readFileSync(generator.MARKDOWN_PATH, 'utf8');
const classification = JSON.parse(fs.readFileSync(generator.CLASSIFICATION_PATH, 'utf8')) as Classification;
const generated = generator.generate(markdown, classification);
const checkedIn = JSON.parse(fs.readFileSync(generator.CATALOGUE_PATH, 'utf8')) as Catalogue;

// Read off Microsoft's table (docs/identity/users/licensing-service-plan-reference.md at the recorded commit).
const A1_FACULTY_SKU = '94763226-9b3c-4e75-a931-5c89701abe66'; // Office 365 A1 for faculty, STANDARDWOFFPACK_FACULTY
const A1_STUDENT_SKU = '314c4481-f395-4525-be8b-2ec4bb1e9d91'; // Office 365 A1 for students, STANDARDWOFFPACK_STUDENT
const M365_F3_SKU = '66b55226-6b4f-492c-910c-a3b7a3c9d993'; // Microsoft 365 F3, SPE_F1
const M365_F1_SKU = '44575883-256e-4a79-9da4-ebe9acabe2b2'; // Microsoft 365 F1, M365_F1
const M365_F3_GCC_SKU = '2a914830-d700-444a-b73c-e3f31980d833'; // Microsoft 365 F3 GCC, M365_F1_GOV
const O365_G1_GCC_SKU = '3f4babde-90ec-47c6-995d-d223749065d1'; // Office 365 G1 GCC, STANDARDPACK_GOV
const APPS_FOR_BUSINESS_SKU = 'cdd28e44-67e3-425e-be4c-737fab2899d3'; // Microsoft 365 Apps for Business, O365_BUSINESS
const TEAMS_ESSENTIALS_AAD_SKU = '3ab6abff-666f-4424-bfb7-f0bc274ec7bc'; // Microsoft Teams Essentials (Microsoft Entra identity)
const M365_A1_SKU = 'b17653a4-2443-4e8c-a550-18249dda78bb'; // Microsoft 365 A1, M365EDU_A1 (no SharePoint plan)
const E3_DEVELOPER_SKU = '189a915c-fe4f-4ffa-bde4-85b9628d07a0'; // Office 365 E3 Developer, DEVELOPERPACK
const MIDSIZE_SKU = '04a7fb0d-32e0-4241-b4f5-3f7618cd1162'; // Office 365 Midsize Business, MIDSIZEPACK

const SHAREPOINTSTANDARD_EDU = '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5';
const SHAREPOINTDESKLESS = '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9';
const SHAREPOINTDESKLESS_GOV = 'b1aeb897-3a19-46e2-8c27-a609413cf193';
const SHAREPOINT_PLAN_1G = 'f9c43823-deb4-46a8-aa65-8b551f0c4f8a';
const SHAREPOINT_S_DEVELOPER = 'a361d6e2-509e-4e25-a8ad-950060064ef4';
const SHAREPOINTENTERPRISE_MIDMARKET = '6b5b6a67-fc72-4a1f-a2b5-beecf05de761';
const SHAREPOINTWAC = 'e95bec33-7c88-4a70-8e19-b10bd9d0c014';
const ONEDRIVESTANDARD = '13696edf-5a08-49f6-8134-03083ed8ba30';
const ONEDRIVE_BASIC_P2 = '4495894f-534f-41ca-9d3b-0ebf1220a423';
const ONEDRIVE_BASIC_GOV = '98709c2e-96b5-4244-95f5-a0ebe139fb8a';
const SHAREPOINTSTORAGE = 'be5a7ed5-c598-4fcd-a061-5e6724c68a58';

function sku(skuId: string): CatalogueSku {
  const found = checkedIn.skus.find((candidate: CatalogueSku) => candidate.skuId === skuId);
  if (found === undefined) {
    throw new Error(`SKU ${skuId} is not in catalogue.json`);
  }
  return found;
}

function planIds(skuId: string): string[] {
  return sku(skuId).servicePlans.map((plan: CatalogueServicePlan) => plan.servicePlanId);
}

describe('licensing catalogue generation', () => {
  it('catalogue.json is what the generator makes from the saved markdown', () => {
    const onDisk = fs.readFileSync(generator.CATALOGUE_PATH, 'utf8');
    // A failure here means the markdown or the generator changed: run `npm run licensing:generate`.
    expect(onDisk === generated.catalogueJson).toBe(true);
  });

  it('catalogue.generated.ts is what the generator makes from the catalogue and classification.json', () => {
    const onDisk = fs.readFileSync(generator.MODULE_PATH, 'utf8');
    expect(onDisk === generated.moduleText).toBe(true);
  });

  it('skuNames.generated.ts (the SKU names, loaded on demand) is what the generator makes', () => {
    const onDisk = fs.readFileSync(generator.SKU_NAMES_PATH, 'utf8');
    expect(onDisk === generated.skuNamesText).toBe(true);
  });

  it('records where the data comes from', () => {
    expect(checkedIn.source.repo).toBe('MicrosoftDocs/entra-docs');
    expect(checkedIn.source.path).toBe('docs/identity/users/licensing-service-plan-reference.md');
    expect(checkedIn.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(checkedIn.source.msDate).toBe('2025-10-29');
    expect(markdown).toMatch(/^---\n[\s\S]*\nms\.date: 10\/29\/2025\n/);
    expect(CATALOGUE_SOURCE.commit).toBe(checkedIn.source.commit);
    expect(CATALOGUE_SOURCE.msDate).toBe(checkedIn.source.msDate);
  });

  it('has lowercase GUIDs, SKUs sorted by part number, no plan twice in a SKU', () => {
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const parts = checkedIn.skus.map((entry: CatalogueSku) => entry.skuPartNumber.toLowerCase());
    expect(parts).toEqual(parts.slice().sort());
    expect(checkedIn.skus.length).toBeGreaterThan(500);
    for (const entry of checkedIn.skus) {
      expect(entry.skuId).toMatch(guid);
      expect(entry.servicePlans.length).toBeGreaterThan(0);
      const ids = entry.servicePlans.map((plan: CatalogueServicePlan) => plan.servicePlanId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) {
        expect(id).toMatch(guid);
      }
    }
    expect(new Set(checkedIn.skus.map((entry: CatalogueSku) => entry.skuId)).size).toBe(checkedIn.skus.length);
  });

  it('never gives two service plan GUIDs the same string id (a mistyped GUID would show here)', () => {
    const idByName = new Map<string, Set<string>>();
    for (const entry of checkedIn.skus) {
      for (const plan of entry.servicePlans) {
        idByName.set(plan.servicePlanName, (idByName.get(plan.servicePlanName) || new Set<string>()).add(plan.servicePlanId));
      }
    }
    const nameShared = Array.from(idByName.entries()).filter(([, ids]) => ids.size > 1);
    expect(nameShared).toEqual([]);
  });

  it('parses the reference cells it has to tolerate', () => {
    expect(generator.parsePlanCell('PLANNER(b737dad2-2f6c-4c65-90e3-ca563267e8b9)<br/>RMS_S_ENTERPRISE) (bea4c11e-220a-4e6d-8eb8-8ea15d019f90)')).toEqual([
      { id: 'b737dad2-2f6c-4c65-90e3-ca563267e8b9', name: 'PLANNER' },
      { id: 'bea4c11e-220a-4e6d-8eb8-8ea15d019f90', name: 'RMS_S_ENTERPRISE' },
    ]);
    expect(generator.parsePlanCell('WHITEBOARD_PLAN2 (94a54592-cd8b-425e-87c6-97868b000b91<br/> YAMMER_EDU (2078e8df-cff6-4290-98cb-5408261a760a)')).toEqual([
      { id: '94a54592-cd8b-425e-87c6-97868b000b91', name: 'WHITEBOARD_PLAN2' },
      { id: '2078e8df-cff6-4290-98cb-5408261a760a', name: 'YAMMER_EDU' },
    ]);
    expect(generator.normalizeGuid('882e1d05-acd1-4ccb-8708- 6ee03664b117')).toBe('882e1d05-acd1-4ccb-8708-6ee03664b117');
    expect(generator.normalizeGuid('113feb6c-3fe4-4440-bddc 54d774bf0318')).toBe('113feb6c-3fe4-4440-bddc-54d774bf0318');
  });
});

describe('licensing classification', () => {
  it('classifies every plan whose name marks SharePoint, OneDrive or Office for the web', () => {
    const classified = new Set(classification.plans.map((entry: ClassificationEntry) => entry.servicePlanId));
    const unclassified = generator
      .plansMatchingRule(checkedIn)
      .filter((plan: MatchedPlan) => !classified.has(plan.servicePlanId))
      .map((plan: MatchedPlan) => `${plan.servicePlanName} ${plan.servicePlanId} (${plan.names.join(' / ')})`);
    expect(unclassified).toEqual([]);
  });

  it('classifies only plans of the catalogue, under the catalogue name, each with a reason', () => {
    const names = new Map<string, string>();
    for (const entry of checkedIn.skus) {
      for (const plan of entry.servicePlans) {
        names.set(plan.servicePlanId, plan.servicePlanName);
      }
    }
    const problems = classification.plans
      .filter((entry: ClassificationEntry) => names.get(entry.servicePlanId) !== entry.servicePlanName || entry.reason.trim().length < 20)
      .map((entry: ClassificationEntry) => `${entry.servicePlanName} ${entry.servicePlanId}`);
    expect(problems).toEqual([]);
    expect(classification.rule).toMatch(/sharepoint\|onedrive\|office for the web/);
    expect(classification.oneDriveOnlyTenant).toMatch(/WARNS/);
  });

  it('matches the generated sets', () => {
    for (const entry of classification.plans) {
      expect(planClass(entry.servicePlanId)).toBe(entry.class);
      expect(planName(entry.servicePlanId.toUpperCase())).toBe(entry.servicePlanName);
    }
  });
});

describe("facts from Microsoft's licensing reference", () => {
  it('Office 365 A1 for faculty and for students carry SHAREPOINTSTANDARD_EDU, a SharePoint Online plan', () => {
    expect(markdown).toContain('| Office 365 A1 for faculty | STANDARDWOFFPACK_FACULTY |\t94763226-9b3c-4e75-a931-5c89701abe66 |');
    expect(markdown).toContain('SHAREPOINTSTANDARD_EDU (0a4983bb-d3e5-4a09-95d8-b2d0127b3df5)');
    expect(planIds(A1_FACULTY_SKU)).toContain(SHAREPOINTSTANDARD_EDU);
    expect(planIds(A1_STUDENT_SKU)).toContain(SHAREPOINTSTANDARD_EDU);
    expect(planClass(SHAREPOINTSTANDARD_EDU)).toBe('sharepoint');
    expect(hasSharePointPlan(planIds(A1_FACULTY_SKU))).toBe(true);
  });

  it('Microsoft 365 F3 (SPE_F1) and F1 carry SharePoint Kiosk, a SharePoint Online plan', () => {
    expect(sku(M365_F3_SKU).skuPartNumber).toBe('SPE_F1');
    expect(sku(M365_F3_SKU).displayName).toBe('Microsoft 365 F3');
    expect(planIds(M365_F3_SKU)).toContain(SHAREPOINTDESKLESS);
    expect(planIds(M365_F3_SKU)).toContain(SHAREPOINTWAC);
    expect(planIds(M365_F1_SKU)).toContain(SHAREPOINTDESKLESS);
    expect(planClass(SHAREPOINTDESKLESS)).toBe('sharepoint');
    expect(hasOneDrivePlan(planIds(M365_F3_SKU))).toBe(true);
    expect(planIds(M365_F3_GCC_SKU)).toContain(SHAREPOINTDESKLESS_GOV);
    expect(isSharePointPlanId(SHAREPOINTDESKLESS_GOV)).toBe(true);
  });

  it('GCC, developer and midsize SKUs carry their own SharePoint plans', () => {
    expect(planIds(O365_G1_GCC_SKU)).toContain(SHAREPOINT_PLAN_1G);
    expect(planIds(E3_DEVELOPER_SKU)).toContain(SHAREPOINT_S_DEVELOPER);
    expect(planIds(MIDSIZE_SKU)).toContain(SHAREPOINTENTERPRISE_MIDMARKET);
    for (const id of [SHAREPOINT_PLAN_1G, SHAREPOINT_S_DEVELOPER, SHAREPOINTENTERPRISE_MIDMARKET]) {
      expect(isSharePointPlanId(id)).toBe(true);
    }
  });

  it('Office for the web (SHAREPOINTWAC) and Extra File Storage are not SharePoint', () => {
    expect(planClass(SHAREPOINTWAC)).toBe('not-sharepoint');
    expect(planClass(SHAREPOINTSTORAGE)).toBe('not-sharepoint');
    expect(hasSharePointPlan([SHAREPOINTWAC, SHAREPOINTSTORAGE])).toBe(false);
    expect(hasOneDrivePlan([SHAREPOINTWAC])).toBe(false);
  });

  it('OneDrive-only SKUs give a OneDrive but no SharePoint Online', () => {
    expect(planIds(APPS_FOR_BUSINESS_SKU)).toContain(ONEDRIVESTANDARD);
    expect(hasSharePointPlan(planIds(APPS_FOR_BUSINESS_SKU))).toBe(false);
    expect(hasOneDrivePlan(planIds(APPS_FOR_BUSINESS_SKU))).toBe(true);
    expect(planIds(TEAMS_ESSENTIALS_AAD_SKU)).toContain(ONEDRIVE_BASIC_P2);
    expect(isOneDriveOnlyPlanId(ONEDRIVE_BASIC_P2)).toBe(true);
    expect(isOneDriveOnlyPlanId(ONEDRIVE_BASIC_GOV)).toBe(true);
  });

  it('Microsoft 365 A1 (M365EDU_A1) has no SharePoint plan of its own', () => {
    expect(sku(M365_A1_SKU).skuPartNumber).toBe('M365EDU_A1');
    expect(hasOneDrivePlan(planIds(M365_A1_SKU))).toBe(false);
  });

  it('names SKUs as the admin center does, falling back to the part number', () => {
    expect(skuDisplayName(A1_FACULTY_SKU, 'STANDARDWOFFPACK_FACULTY')).toBe('Office 365 A1 for faculty');
    expect(skuDisplayName(A1_FACULTY_SKU.toUpperCase(), 'STANDARDWOFFPACK_FACULTY')).toBe('Office 365 A1 for faculty');
    expect(skuDisplayName(M365_F3_SKU, 'SPE_F1')).toBe('Microsoft 365 F3');
    expect(skuDisplayName('00000000-0000-0000-0000-000000000000', 'CONTOSO_CUSTOM')).toBe('CONTOSO_CUSTOM');
    expect(skuPartNumber(A1_FACULTY_SKU)).toBe('STANDARDWOFFPACK_FACULTY');
  });

  it('names the SKUs that carry a SharePoint / OneDrive / Office for the web plan, and only those (entry-chunk size)', () => {
    const classified = new Set(classification.plans.map((entry) => entry.servicePlanId));
    const carrying = checkedIn.skus.filter((entry) => entry.servicePlans.some((plan) => classified.has(plan.servicePlanId)));
    expect(Object.keys(SKU_NAMES).sort()).toEqual(carrying.map((entry) => entry.skuId).sort());
    expect(carrying.length).toBeLessThan(checkedIn.skus.length / 2);
    // Exchange Online (Plan 1) carries no such plan: the evidence names it by its part number, as Graph does.
    expect(skuDisplayName('4b9405b0-7788-4568-add1-99614e613b69', 'EXCHANGESTANDARD')).toBe('EXCHANGESTANDARD');
    expect(skuPartNumber('4b9405b0-7788-4568-add1-99614e613b69')).toBeUndefined();
  });

  it('knows nothing about plans outside the classification', () => {
    expect(planClass('bea4c11e-220a-4e6d-8eb8-8ea15d019f90')).toBe('other'); // RMS_S_ENTERPRISE
    expect(planName('bea4c11e-220a-4e6d-8eb8-8ea15d019f90')).toBeUndefined();
  });

  it('keeps the browser modules small (the plan module is in the entry chunk; the SKU names are a chunk of their own)', () => {
    expect(fs.statSync(path.resolve(generator.MODULE_PATH)).size).toBeLessThan(8 * 1024);
    expect(fs.statSync(path.resolve(generator.SKU_NAMES_PATH)).size).toBeLessThan(32 * 1024);
  });
});
