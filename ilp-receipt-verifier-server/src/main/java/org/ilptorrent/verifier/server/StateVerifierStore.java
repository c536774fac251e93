package org.ilptorrent.verifier.server;

import java.util.Optional;
import org.ilptorrent.verifier.server.internal.VerifierState;

/**
 * What the stores share: their state in memory, guarded by the store's own monitor, and the reads
 * of its pointer registry, which never touch the disk. Not an API: each store is still only a
 * {@link VerifierStore}.
 */
abstract class StateVerifierStore implements VerifierStore {
  /** The state; read and changed only while holding this store's monitor. */
  final VerifierState state = new VerifierState();

  StateVerifierStore() {}

  @Override
  public synchronized Optional<String> pointer(String hash) {
    return state.registration(hash).map(VerifierState.Registration::pointer);
  }

  @Override
  public synchronized Optional<String> managementTokenDigest(String hash) {
    return state.registration(hash).map(VerifierState.Registration::tokenDigest);
  }

  @Override
  public synchronized int pointerCount() {
    return state.pointerCount();
  }
}
