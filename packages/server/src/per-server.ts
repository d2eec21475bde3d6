// State a subsystem keeps per Server (blocked clients, tracking, transactions, scripting), created
// on first use and kept beside the Server instead of growing its class.
import type { Server } from './server';

export interface PerServer<T> {
  /** The server's state, created on first use. */
  of(server: Server): T;
  /** The server's state if it was ever created (cheap checks on hot paths). */
  peek(server: Server): T | undefined;
}

export function perServer<T>(create: (server: Server) => T): PerServer<T> {
  const states = new WeakMap<Server, T>();
  return {
    of(server) {
      let state = states.get(server);
      if (state === undefined) states.set(server, (state = create(server)));
      return state;
    },
    peek: (server) => states.get(server),
  };
}
