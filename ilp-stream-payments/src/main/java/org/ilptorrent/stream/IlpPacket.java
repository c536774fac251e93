package org.ilptorrent.stream;

import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An Interledger packet (RFC 27): a Prepare, or the Fulfill or Reject that answers it. Amounts are
 * unsigned 64-bit values in {@code long}s. Byte arrays are copied in and out.
 */
public sealed interface IlpPacket {
  /** Type byte of a Prepare. */
  int PREPARE = 12;

  /** Type byte of a Fulfill. */
  int FULFILL = 13;

  /** Type byte of a Reject. */
  int REJECT = 14;

  /** The most data an ILP packet may carry, in bytes (RFC 27). */
  int MAX_DATA = 32767;

  /** The packet's data (a copy). */
  byte[] data();

  /**
   * A Prepare.
   *
   * @param amount the amount, unsigned 64-bit
   * @param expiresAt when it expires, to the millisecond
   * @param executionCondition the SHA-256 of the fulfillment that completes it (32 bytes)
   * @param destination the ILP address it goes to
   */
  record Prepare(
      long amount, Instant expiresAt, byte[] executionCondition, String destination, byte[] data)
      implements IlpPacket {
    /** Checks the fields and copies the arrays. */
    public Prepare {
      if (executionCondition == null || executionCondition.length != 32) {
        throw new IllegalArgumentException("executionCondition must be 32 bytes");
      }
      IlpAddresses.check(destination);
      executionCondition = executionCondition.clone();
      data = checkData(data);
    }

    @Override
    public byte[] executionCondition() {
      return executionCondition.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Prepare p
          && p.amount == amount
          && p.expiresAt.equals(expiresAt)
          && Arrays.equals(p.executionCondition, executionCondition)
          && p.destination.equals(destination)
          && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(executionCondition) ^ Long.hashCode(amount);
    }
  }

  /**
   * A Fulfill.
   *
   * @param fulfillment the preimage of the Prepare's condition (32 bytes)
   */
  record Fulfill(byte[] fulfillment, byte[] data) implements IlpPacket {
    /** Checks the fields and copies the arrays. */
    public Fulfill {
      if (fulfillment == null || fulfillment.length != 32) {
        throw new IllegalArgumentException("fulfillment must be 32 bytes");
      }
      fulfillment = fulfillment.clone();
      data = checkData(data);
    }

    @Override
    public byte[] fulfillment() {
      return fulfillment.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fulfill f
          && Arrays.equals(f.fulfillment, fulfillment)
          && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(fulfillment);
    }
  }

  /**
   * A Reject.
   *
   * @param code the ILP error code, such as {@code F99} or {@code T04} (3 characters)
   * @param triggeredBy the address of who rejected it, possibly empty
   * @param message a human-readable message
   */
  record Reject(String code, String triggeredBy, String message, byte[] data) implements IlpPacket {
    /** Checks the fields and copies the data. */
    public Reject {
      if (code == null || !code.matches("[A-Z][0-9A-Z]{2}")) {
        throw new IllegalArgumentException("error code must be 3 characters such as F99");
      }
      if (!triggeredBy.isEmpty()) {
        IlpAddresses.check(triggeredBy);
      }
      message = message == null ? "" : message;
      data = checkData(data);
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Reject r
          && r.code.equals(code)
          && r.triggeredBy.equals(triggeredBy)
          && r.message.equals(message)
          && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
      return code.hashCode() ^ message.hashCode();
    }
  }

  private static byte[] checkData(byte[] data) {
    byte[] d = data == null ? new byte[0] : data.clone();
    if (d.length > MAX_DATA) {
      throw new IllegalArgumentException("data must be at most 32767 bytes");
    }
    return d;
  }

  /** ILP address rules (RFC 15). */
  final class IlpAddresses {
    private static final Pattern ADDRESS =
        Pattern.compile(
            "(?=.{1,1023}$)(g|private|example|peer|self|test[1-3]?|local)([.][a-zA-Z0-9_~-]+)+");

    private IlpAddresses() {}

    /** Checks an ILP address. */
    public static String check(String address) {
      if (address == null || !ADDRESS.matcher(address).matches()) {
        throw new IllegalArgumentException("invalid ILP address");
      }
      return address;
    }
  }
}
