package org.ilptorrent.stream;

import java.util.List;

/**
 * A STREAM packet (RFC 29), the plaintext carried encrypted in an ILP packet's data.
 *
 * @param type {@link #PREPARE}, {@link #FULFILL} or {@link #REJECT}: the ILP packet it rides in
 * @param sequence the packet's sequence number (unsigned 64-bit)
 * @param prepareAmount the amount the Prepare carried, or should have arrived with (unsigned)
 * @param frames the frames, in order; frames of unknown types were skipped when read
 */
public record StreamPacket(int type, long sequence, long prepareAmount, List<StreamFrame> frames) {
  /** Packet type of a STREAM packet in an ILP Prepare. */
  public static final int PREPARE = 12;

  /** Packet type of a STREAM packet in an ILP Fulfill. */
  public static final int FULFILL = 13;

  /** Packet type of a STREAM packet in an ILP Reject. */
  public static final int REJECT = 14;

  /** Checks the type and copies the frames. */
  public StreamPacket {
    if (type != PREPARE && type != FULFILL && type != REJECT) {
      throw new InvalidStreamPacketException("packetType", "must be 12, 13 or 14, got " + type);
    }
    frames = List.copyOf(frames);
  }
}
