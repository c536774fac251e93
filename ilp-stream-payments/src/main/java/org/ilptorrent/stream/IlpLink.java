package org.ilptorrent.stream;

import java.util.concurrent.CompletableFuture;

/**
 * Where a STREAM sender hands its Prepares: a connector, an ILP-over-HTTP peer, or a receiver in
 * the same process. The future completes with the Fulfill or Reject that answered.
 */
@FunctionalInterface
public interface IlpLink {
  /** Sends a Prepare and returns its answer. */
  CompletableFuture<IlpPacket> send(IlpPacket.Prepare prepare);
}
