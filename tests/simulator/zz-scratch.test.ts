/** @jest-environment node */
import { generateTenant } from '../../demo/generate';
it('t', () => {
for (let k = 0; k < 3; k++) { const t = Date.now(); generateTenant({ users: 100000, unprovisioned: 0.3, seed: 1 }); console.log('gen', Date.now() - t); }
});
