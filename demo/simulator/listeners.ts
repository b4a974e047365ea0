/**
 * Where the simulator listens. 'single' (default): one origin answers everything (jest tests). 'distinct': the hosting
 * site (which also serves the preview page), the tenant admin host, the my host and Microsoft Graph each on a port of
 * their own, so a browser enforces CORS between them as between contoso.sharepoint.com, contoso-admin.sharepoint.com,
 * contoso-my.sharepoint.com and graph.microsoft.com.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from './requestTarget';

/** 'single': one origin for everything (default). 'distinct': hosting site, admin host, my host and Graph apart. */
export type OriginsMode = 'single' | 'distinct';

export interface Listener {
  roles: ReadonlySet<Role>;
  server: http.Server;
  /** Set once listening. */
  origin: string;
}

export interface Listeners {
  /** In plan order: the hosting-site origin first. */
  listeners: Listener[];
  /** Closes every server that listens, dropping open connections. */
  closeAll(): Promise<void>;
}

/** The servers to start: which roles each answers and on which port (the hosting site's is the caller's, or 0). */
export function listenerPlan(origins: OriginsMode | undefined, port: number | undefined): Array<{ roles: Role[]; port: number }> {
  return origins === 'distinct'
    ? [
        { roles: ['site'], port: port ?? 0 },
        { roles: ['admin'], port: 0 },
        { roles: ['my'], port: 0 },
        { roles: ['graph'], port: 0 },
      ]
    : [{ roles: ['site', 'admin', 'my', 'graph'], port: port ?? 0 }];
}

/**
 * Starts one node:http server per plan entry on `host`, each passing its requests to `onRequest`. When one cannot
 * listen, those already listening are closed and the error is thrown.
 */
export async function openListeners(
  plan: ReadonlyArray<{ roles: Role[]; port: number }>,
  host: string,
  onRequest: (listener: Listener, req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<Listeners> {
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const listeners: Listener[] = [];
  const closeAll = (): Promise<void> =>
    Promise.all(
      listeners.map(
        (l) =>
          new Promise<void>((resolve) => {
            if (!l.server.listening) {
              resolve();
              return;
            }
            l.server.close(() => resolve());
            l.server.closeAllConnections();
          }),
      ),
    ).then(() => undefined);

  for (const p of plan) {
    const listener: Listener = { roles: new Set(p.roles), server: http.createServer(), origin: '' };
    listener.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      onRequest(listener, req, res);
    });
    listener.server.keepAliveTimeout = 5000;
    listeners.push(listener);
    try {
      await new Promise<void>((resolve, reject) => {
        listener.server.once('error', reject);
        listener.server.listen(p.port, host, () => {
          listener.server.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      await closeAll();
      throw e;
    }
    listener.origin = `http://${publicHost}:${(listener.server.address() as AddressInfo).port}`;
  }
  return { listeners, closeAll };
}
