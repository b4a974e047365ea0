/**
 * Control endpoints (/__sim/*) for tests and benchmarks: GET log, POST reset-log, GET/POST faults (rules validated
 * against the schema), GET/POST paging-faults, GET state (users, personal sites, pending and provisioned sites). Not
 * part of any Microsoft API.
 */
import type * as http from 'node:http';
import type { RequestLogEntry } from './context';
import type { FaultEngine } from './faults';
import { validateFaultRules, validatePagingFaults } from './fixture';
import type { PagingFaultEngine } from './pagingFaults';
import { jsonResponse } from './http';
import { readBody, send } from './nodeHttp';
import type { SimulatorState } from './state';

/** What the control endpoints read and change. */
export interface ControlTarget {
  log: RequestLogEntry[];
  faults: FaultEngine;
  paging: PagingFaultEngine;
  state: SimulatorState;
}

export async function handleControl(
  sim: ControlTarget,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  cors: Record<string, string>,
  path: string,
): Promise<void> {
  const { log, faults, paging, state } = sim;
  const method = req.method ?? 'GET';
  if (path === '/__sim/log' && method === 'GET') return send(res, cors, jsonResponse(200, log));
  if (path === '/__sim/reset-log' && method === 'POST') {
    log.length = 0;
    return send(res, cors, { status: 204, headers: {} });
  }
  if (path === '/__sim/faults' && method === 'GET') return send(res, cors, jsonResponse(200, faults.activeRules));
  if (path === '/__sim/faults' && method === 'POST') {
    try {
      faults.setRules(validateFaultRules(JSON.parse(await readBody(req)) as unknown));
      return send(res, cors, { status: 204, headers: {} });
    } catch (e) {
      return send(res, cors, jsonResponse(400, { error: (e as Error).message }));
    }
  }
  if (path === '/__sim/paging-faults' && method === 'GET') return send(res, cors, jsonResponse(200, paging.active));
  if (path === '/__sim/paging-faults' && method === 'POST') {
    try {
      paging.set(validatePagingFaults(JSON.parse(await readBody(req)) as unknown));
      return send(res, cors, { status: 204, headers: {} });
    } catch (e) {
      return send(res, cors, jsonResponse(400, { error: (e as Error).message }));
    }
  }
  if (path === '/__sim/state' && method === 'GET') {
    state.materialize(Date.now());
    return send(
      res,
      cors,
      jsonResponse(200, {
        users: state.users.length,
        personalSites: state.personalSites.length,
        pending: [...state.pending.values()],
        provisioned: state.personalSites.filter((s) => s.provisionedAt !== undefined),
      }),
    );
  }
  return send(res, cors, jsonResponse(404, { error: `unknown control endpoint ${method} ${path}` }));
}
