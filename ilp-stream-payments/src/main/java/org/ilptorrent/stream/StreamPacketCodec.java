package org.ilptorrent.stream;

import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.stream.internal.Oer;

/**
 * Reads and writes STREAM packets (RFC 29): version 1, packet type, sequence and prepare amount as
 * VarUInts, then a VarUInt count of frames, each a type byte and a VarOctetString of contents.
 *
 * <p>Every frame type of the RFC is read, the receipt frame (0x17) included; frames of unknown
 * types are skipped, as the RFC requires, so newer peers can add frames. Bytes after the frames are
 * ignored for the same reason. Pure functions; thread-safe.
 */
public final class StreamPacketCodec {
  /** The only STREAM version. */
  public static final int VERSION = 1;

  /** The most frames read from one packet (an ILP packet's data is at most 32 KiB). */
  public static final int MAX_FRAMES = 4096;

  private StreamPacketCodec() {}

  /** The packet's bytes. */
  public static byte[] encode(StreamPacket packet) {
    Oer.Writer w = new Oer.Writer();
    w.uint8(VERSION)
        .uint8(packet.type())
        .varUInt(packet.sequence())
        .varUInt(packet.prepareAmount());
    w.varUInt(packet.frames().size());
    for (StreamFrame frame : packet.frames()) {
      w.uint8(frame.type()).varOctetString(contents(frame));
    }
    return w.toByteArray();
  }

  /**
   * Reads a packet.
   *
   * @throws InvalidStreamPacketException naming the field at fault
   */
  public static StreamPacket decode(byte[] bytes) {
    Oer.Reader r = new Oer.Reader(bytes);
    int version = r.uint8("version");
    if (version != VERSION) {
      throw new InvalidStreamPacketException("version", "must be 1, got " + version);
    }
    int type = r.uint8("packetType");
    long sequence = r.varUInt("sequence");
    long amount = r.varUInt("prepareAmount");
    long count = r.varUInt("frames");
    if (Long.compareUnsigned(count, MAX_FRAMES) > 0) {
      throw new InvalidStreamPacketException("frames", "more than " + MAX_FRAMES);
    }
    List<StreamFrame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String field = "frames[" + i + "]";
      int frameType = r.uint8(field + ".type");
      int[] span = r.span(field);
      StreamFrame frame = frame(frameType, new Oer.Reader(bytes, span[0], span[1]), field);
      if (frame != null) {
        frames.add(frame);
      }
    }
    return new StreamPacket(type, sequence, amount, frames);
  }

  private static StreamFrame frame(int type, Oer.Reader r, String f) {
    return switch (type) {
      case 0x01 ->
          new StreamFrame.ConnectionClose(r.uint8(f + ".errorCode"), r.utf8(f + ".errorMessage"));
      case 0x02 -> new StreamFrame.ConnectionNewAddress(r.utf8(f + ".sourceAccount"));
      case 0x03 -> new StreamFrame.ConnectionMaxData(r.varUInt(f + ".maxOffset"));
      case 0x04 -> new StreamFrame.ConnectionDataBlocked(r.varUInt(f + ".maxOffset"));
      case 0x05 -> new StreamFrame.ConnectionMaxStreamId(r.varUInt(f + ".maxStreamId"));
      case 0x06 -> new StreamFrame.ConnectionStreamIdBlocked(r.varUInt(f + ".maxStreamId"));
      case 0x07 ->
          new StreamFrame.ConnectionAssetDetails(
              r.utf8(f + ".sourceAssetCode"), r.uint8(f + ".sourceAssetScale"));
      case 0x10 ->
          new StreamFrame.StreamClose(
              r.varUInt(f + ".streamId"), r.uint8(f + ".errorCode"), r.utf8(f + ".errorMessage"));
      case 0x11 ->
          new StreamFrame.StreamMoney(r.varUInt(f + ".streamId"), r.varUInt(f + ".shares"));
      case 0x12 ->
          new StreamFrame.StreamMaxMoney(
              r.varUInt(f + ".streamId"),
              r.varUIntSaturating(f + ".receiveMax"),
              r.varUInt(f + ".totalReceived"));
      case 0x13 ->
          new StreamFrame.StreamMoneyBlocked(
              r.varUInt(f + ".streamId"),
              r.varUIntSaturating(f + ".sendMax"),
              r.varUInt(f + ".totalSent"));
      case 0x14 ->
          new StreamFrame.StreamData(
              r.varUInt(f + ".streamId"), r.varUInt(f + ".offset"), r.varOctetString(f + ".data"));
      case 0x15 ->
          new StreamFrame.StreamMaxData(r.varUInt(f + ".streamId"), r.varUInt(f + ".maxOffset"));
      case 0x16 ->
          new StreamFrame.StreamDataBlocked(
              r.varUInt(f + ".streamId"), r.varUInt(f + ".maxOffset"));
      case 0x17 ->
          new StreamFrame.StreamReceipt(
              r.varUInt(f + ".streamId"), r.varOctetString(f + ".receipt"));
      default -> null;
    };
  }

  private static byte[] contents(StreamFrame frame) {
    Oer.Writer w = new Oer.Writer();
    if (frame instanceof StreamFrame.ConnectionClose c) {
      w.uint8(c.errorCode()).utf8(c.errorMessage());
    } else if (frame instanceof StreamFrame.ConnectionNewAddress a) {
      w.utf8(a.sourceAccount());
    } else if (frame instanceof StreamFrame.ConnectionMaxData m) {
      w.varUInt(m.maxOffset());
    } else if (frame instanceof StreamFrame.ConnectionDataBlocked b) {
      w.varUInt(b.maxOffset());
    } else if (frame instanceof StreamFrame.ConnectionMaxStreamId m) {
      w.varUInt(m.maxStreamId());
    } else if (frame instanceof StreamFrame.ConnectionStreamIdBlocked b) {
      w.varUInt(b.maxStreamId());
    } else if (frame instanceof StreamFrame.ConnectionAssetDetails d) {
      w.utf8(d.sourceAssetCode()).uint8(d.sourceAssetScale());
    } else if (frame instanceof StreamFrame.StreamClose c) {
      w.varUInt(c.streamId()).uint8(c.errorCode()).utf8(c.errorMessage());
    } else if (frame instanceof StreamFrame.StreamMoney m) {
      w.varUInt(m.streamId()).varUInt(m.shares());
    } else if (frame instanceof StreamFrame.StreamMaxMoney m) {
      w.varUInt(m.streamId()).varUInt(m.receiveMax()).varUInt(m.totalReceived());
    } else if (frame instanceof StreamFrame.StreamMoneyBlocked b) {
      w.varUInt(b.streamId()).varUInt(b.sendMax()).varUInt(b.totalSent());
    } else if (frame instanceof StreamFrame.StreamData d) {
      w.varUInt(d.streamId()).varUInt(d.offset()).varOctetString(d.data());
    } else if (frame instanceof StreamFrame.StreamMaxData m) {
      w.varUInt(m.streamId()).varUInt(m.maxOffset());
    } else if (frame instanceof StreamFrame.StreamDataBlocked b) {
      w.varUInt(b.streamId()).varUInt(b.maxOffset());
    } else if (frame instanceof StreamFrame.StreamReceipt r) {
      w.varUInt(r.streamId()).varOctetString(r.receipt());
    } else {
      throw new IllegalStateException("unhandled frame " + frame);
    }
    return w.toByteArray();
  }
}
