package org.ilptorrent.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Group commit of one Lua script's operations on a {@link RedisLink}: an operation submitted while
 * no call is in flight is sent at once, alone; operations submitted while a call is in flight wait
 * for its answer and then go together, up to {@link #maxOperations()} per call, as one {@code
 * EVALSHA} whose keys and arguments are the operations' own, one after the other.
 *
 * <p>The script must apply the operations in order and answer {@link #replyWidth()} elements per
 * operation, in the same order. Redis runs a script atomically, so each operation's
 * check-and-update stays atomic and the batch as a whole is applied entirely or not at all; when
 * the call fails (Redis unreachable, timed out) every operation in it fails with that error.
 *
 * <p>Per operation this saves most of what a command costs: in Redis the read, dispatch, script
 * call, append-only write and fsync and reply; in this process the encoding, the write and flush
 * and the decoding. One call is in flight at a time, so an idle link adds no latency and a busy one
 * batches more. Thread-safe.
 */
public final class BatchedScript {
  private final RedisLink redis;
  private final LuaScript script;
  private final int replyWidth;
  private final int maxOperations;
  private final ArrayDeque<Operation> queue = new ArrayDeque<>();
  private boolean sending;

  private record Operation(
      List<String> keys, List<String> args, CompletableFuture<List<String>> reply) {}

  /**
   * Batches {@code script} on {@code redis}.
   *
   * @param replyWidth how many reply elements each operation gets
   * @param maxOperations the most operations in one call (bounds how long Redis is busy with it)
   */
  public BatchedScript(RedisLink redis, LuaScript script, int replyWidth, int maxOperations) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.script = Objects.requireNonNull(script, "script");
    if (replyWidth < 1 || maxOperations < 1) {
      throw new IllegalArgumentException("replyWidth and maxOperations must be positive");
    }
    this.replyWidth = replyWidth;
    this.maxOperations = maxOperations;
  }

  /** Reply elements per operation. */
  public int replyWidth() {
    return replyWidth;
  }

  /** The most operations sent in one call. */
  public int maxOperations() {
    return maxOperations;
  }

  /**
   * Queues one operation; the stage completes on Lettuce's I/O thread with its {@link
   * #replyWidth()} reply elements, or fails as {@link RedisLink#runAsync} does.
   */
  public CompletionStage<List<String>> submit(List<String> keys, List<String> args) {
    Operation op = new Operation(List.copyOf(keys), List.copyOf(args), new CompletableFuture<>());
    boolean send;
    synchronized (this) {
      queue.add(op);
      send = !sending;
      sending = true;
    }
    if (send) {
      sendNext();
    }
    return op.reply();
  }

  /** Sends what is queued (if anything), then again when the answer arrives. */
  private void sendNext() {
    List<Operation> batch = new ArrayList<>();
    synchronized (this) {
      while (batch.size() < maxOperations && !queue.isEmpty()) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        sending = false;
        return;
      }
    }
    List<String> keys;
    List<String> args;
    if (batch.size() == 1) {
      keys = batch.get(0).keys();
      args = batch.get(0).args();
    } else {
      keys = new ArrayList<>();
      args = new ArrayList<>();
      for (Operation op : batch) {
        keys.addAll(op.keys());
        args.addAll(op.args());
      }
    }
    CompletionStage<List<String>> call;
    try {
      call = redis.runAsync(script, keys, args);
    } catch (RuntimeException e) {
      // Never leave the queue stuck behind a call that was not made.
      call = CompletableFuture.failedFuture(e);
    }
    call.whenComplete(
        (reply, error) -> {
          // Redis works on the next batch while this one's callers are answered.
          sendNext();
          answer(batch, reply, error);
        });
  }

  private void answer(List<Operation> batch, List<String> reply, Throwable error) {
    if (error == null && reply.size() != batch.size() * replyWidth) {
      error =
          new IllegalStateException(
              "script "
                  + script.name()
                  + " answered "
                  + reply.size()
                  + " elements for "
                  + batch.size()
                  + " operations");
    }
    for (int i = 0; i < batch.size(); i++) {
      CompletableFuture<List<String>> result = batch.get(i).reply();
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(reply.subList(i * replyWidth, (i + 1) * replyWidth));
      }
    }
  }
}
