/**
 * The controller's last line of defence: adapters answer Outcomes and never throw, but a port that breaks that promise
 * (a bug, a fake, a library that throws where it should not) must not leave the pane "running" for ever. Every method
 * of a guarded port that throws or rejects answers a Failure (`UnexpectedError`, with the error's message) instead, so
 * the read shows as a check that could not tell, with its reason.
 */
import { failure, type Failure } from '../common/outcome';
import type { AppPorts } from './ports';

function unexpected(error: unknown): Failure {
  return failure(0, 'UnexpectedError', error instanceof Error ? error.message : String(error));
}

/** Members that are not calls to the tenant: passed through as they are. */
const PASS_THROUGH = new Set<PropertyKey>(['attempts', 'constructor']);
/** Synchronous reports of what an adapter did (no call to the tenant): a throw becomes "nothing to report". */
const SYNC_REPORTS = new Set<PropertyKey>(['licenseReading']);

/** A port whose asynchronous methods never throw nor reject: a throw becomes a Failure Outcome. */
export function neverThrows<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target: T, key: PropertyKey): unknown {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function' || PASS_THROUGH.has(key)) {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      if (SYNC_REPORTS.has(key)) {
        return (...args: unknown[]): unknown => {
          try {
            return method.apply(target, args);
          } catch {
            return undefined;
          }
        };
      }
      return (...args: unknown[]): Promise<unknown> => {
        try {
          return Promise.resolve(method.apply(target, args)).catch(unexpected);
        } catch (error) {
          return Promise.resolve(unexpected(error));
        }
      };
    },
  });
}

/** The read and write ports of the pane, each guarded. */
export function guardPorts<P extends AppPorts>(ports: P): P {
  return {
    ...ports,
    directory: neverThrows(ports.directory),
    connector: neverThrows(ports.connector),
    sites: neverThrows(ports.sites),
    requester: neverThrows(ports.requester),
    log: neverThrows(ports.log),
    ...(ports.partitions
      ? {
          partitions: {
            users: neverThrows(ports.partitions.users),
            ...(ports.partitions.sites ? { sites: neverThrows(ports.partitions.sites) } : {}),
            ...(ports.partitions.waits ? { waits: ports.partitions.waits } : {}),
          },
        }
      : {}),
  };
}
