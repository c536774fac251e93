package org.ilptorrent.verifier.server;

import org.ilptorrent.verifier.server.internal.Balances;

/**
 * A built-in store whose credits and spends never block a thread: the server calls them on its
 * event loops and answers when they complete. Not an API; other stores run on the worker pool.
 */
interface NonBlockingStore {
  /** This store's credits and spends, answered when durable. */
  Balances balances();
}
