/** Shared by the widget's HTTP and browser tests. */
import { createServer as createNetServer } from 'node:net';
import type { Server } from 'restify';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether a GET route with this path is already registered (the lead's wiring may mount the widget). */
export function hasGetRoute(server: Server, path: string): boolean {
  const routes = (server as unknown as { router: { getRoutes(): Record<string, { method: string; path: string }> } }).router.getRoutes();
  return Object.values(routes).some((r) => r.method === 'GET' && r.path === path);
}

export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}
