package org.ilptorrent.tracker.server.internal.net;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 6455 with the tracker's frame limit, reporting oversized frames as one WARN line at most once
 * a minute (with how many there were), never with a stack trace.
 *
 * <p>Why a draft of our own: Java-WebSocket 1.6.0 logs a frame that claims more than 2^31-1 bytes
 * as an ERROR with a stack trace, once per frame, so any client could fill the log. Handing the
 * engine a limit exception that names our limit sends it down its quiet path instead (close code
 * 1009), and the report is ours.
 */
final class FrameGuard extends Draft_6455 {
  private static final Logger LOG = LoggerFactory.getLogger(FrameGuard.class);
  private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

  /** What all connections' drafts share: the oversized frames not yet reported. */
  static final class Report {
    private final AtomicLong unreported = new AtomicLong();
    private long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;

    void oversized(int limit) {
      unreported.incrementAndGet();
      long now = System.nanoTime();
      long count;
      synchronized (this) {
        if (now - lastReport < REPORT_EVERY_NANOS) {
          return;
        }
        lastReport = now;
        count = unreported.getAndSet(0);
      }
      LOG.warn(
          "closed {} WebSocket connection(s) for a frame over {} bytes in the last minute",
          count,
          limit);
    }
  }

  private final int limit;
  private final Report report;

  FrameGuard(int limit, Report report) {
    super(Collections.emptyList(), List.of(new Protocol("")), limit);
    this.limit = limit;
    this.report = report;
  }

  @Override
  public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
    try {
      return super.translateFrame(buffer);
    } catch (LimitExceededException e) {
      throw tooLarge();
    }
  }

  @Override
  public void processFrame(WebSocketImpl socket, Framedata frame) throws InvalidDataException {
    try {
      super.processFrame(socket, frame);
    } catch (LimitExceededException e) {
      throw tooLarge();
    }
  }

  private LimitExceededException tooLarge() {
    report.oversized(limit);
    return new LimitExceededException("frame too large", limit);
  }

  @Override
  public Draft copyInstance() {
    return new FrameGuard(limit, report);
  }
}
