package org.ilptorrent.stream;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.ilptorrent.stream.internal.Oer;

/**
 * Reads and writes ILP packets (RFC 27, OER): a type byte, then the contents as a VarOctetString. A
 * Prepare holds an 8-byte amount, a 17-character timestamp ({@code YYYYMMDDHHmmssfff}, UTC), a
 * 32-byte condition, the destination and the data; a Fulfill a 32-byte fulfillment and data; a
 * Reject a 3-character code, the address that rejected, a message and data. The same bytes as npm
 * ilp-packet. Pure functions.
 */
public final class IlpPacketCodec {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

  private IlpPacketCodec() {}

  /** The packet's bytes. */
  public static byte[] encode(IlpPacket packet) {
    Oer.Writer contents = new Oer.Writer();
    int type;
    if (packet instanceof IlpPacket.Prepare p) {
      type = IlpPacket.PREPARE;
      contents.uint64(p.amount());
      contents.raw(
          TIME.format(LocalDateTime.ofInstant(p.expiresAt(), ZoneOffset.UTC))
              .getBytes(StandardCharsets.US_ASCII));
      contents.raw(p.executionCondition());
      contents.varOctetString(p.destination().getBytes(StandardCharsets.US_ASCII));
      contents.varOctetString(p.data());
    } else if (packet instanceof IlpPacket.Fulfill f) {
      type = IlpPacket.FULFILL;
      contents.raw(f.fulfillment());
      contents.varOctetString(f.data());
    } else {
      IlpPacket.Reject r = (IlpPacket.Reject) packet;
      type = IlpPacket.REJECT;
      contents.raw(r.code().getBytes(StandardCharsets.US_ASCII));
      contents.varOctetString(r.triggeredBy().getBytes(StandardCharsets.US_ASCII));
      contents.utf8(r.message());
      contents.varOctetString(r.data());
    }
    return new Oer.Writer().uint8(type).varOctetString(contents.toByteArray()).toByteArray();
  }

  /**
   * Reads a packet.
   *
   * @throws InvalidStreamPacketException naming the field at fault
   */
  public static IlpPacket decode(byte[] bytes) {
    Oer.Reader envelope = new Oer.Reader(bytes);
    int type = envelope.uint8("type");
    int[] span = envelope.span("contents");
    Oer.Reader r = new Oer.Reader(bytes, span[0], span[1]);
    try {
      return switch (type) {
        case IlpPacket.PREPARE ->
            new IlpPacket.Prepare(
                r.uint64("amount"),
                time(r.fixed(17, "expiresAt")),
                r.fixed(32, "executionCondition"),
                new String(r.varOctetString("destination"), StandardCharsets.US_ASCII),
                r.varOctetString("data"));
        case IlpPacket.FULFILL ->
            new IlpPacket.Fulfill(r.fixed(32, "fulfillment"), r.varOctetString("data"));
        case IlpPacket.REJECT ->
            new IlpPacket.Reject(
                new String(r.fixed(3, "code"), StandardCharsets.US_ASCII),
                new String(r.varOctetString("triggeredBy"), StandardCharsets.US_ASCII),
                r.utf8("message"),
                r.varOctetString("data"));
        default -> throw new InvalidStreamPacketException("type", "not an ILP packet: " + type);
      };
    } catch (InvalidStreamPacketException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidStreamPacketException("ilp packet", e.getMessage());
    }
  }

  private static java.time.Instant time(byte[] text) {
    String s = new String(text, StandardCharsets.US_ASCII);
    try {
      return LocalDateTime.parse(s, TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidStreamPacketException("expiresAt", "not a timestamp");
    }
  }
}
