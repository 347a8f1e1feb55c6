/** For unit tests: the stand-ins on a free port, with their request counts. */
import { createStandinServer, type StandinServer } from "./server";

export interface RunningStandins {
  server: StandinServer;
  origin: string;
  /** Requests that reached a path so far, e.g. count("/fullcontact/v3/person.enrich"). */
  count(path: string): number;
  close(): Promise<void>;
}

export async function startStandins(options: { delayMs?: number } = {}): Promise<RunningStandins> {
  const server = createStandinServer(options);
  const { origin } = await server.listen(0, "127.0.0.1");
  return {
    server,
    origin,
    count: (path) => server.requests().counts[path] ?? 0,
    close: () => server.close(),
  };
}
