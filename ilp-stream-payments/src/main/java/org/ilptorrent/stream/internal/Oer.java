package org.ilptorrent.stream.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.stream.InvalidStreamPacketException;

/**
 * The OER pieces STREAM is built from: unsigned 8-bit integers, variable-length unsigned integers
 * (a length byte, then that many big-endian bytes) and variable-length octet strings (a length
 * determinant, then the bytes). Reading is bounded by the input: a length never reaches past it.
 */
public final class Oer {
  private Oer() {}

  /** Reads OER from a byte array, naming the field at fault in errors. */
  public static final class Reader {
    private final byte[] data;
    private int pos;
    private final int end;

    public Reader(byte[] data) {
      this(data, 0, data.length);
    }

    public Reader(byte[] data, int from, int to) {
      this.data = data;
      this.pos = from;
      this.end = to;
    }

    public int position() {
      return pos;
    }

    public boolean hasRemaining() {
      return pos < end;
    }

    public int uint8(String field) {
      need(1, field);
      return data[pos++] & 0xFF;
    }

    /** A fixed 8-byte unsigned integer, as raw bits. */
    public long uint64(String field) {
      return bigEndian(8, field);
    }

    /** {@code length} bytes as they are. */
    public byte[] fixed(int length, String field) {
      need(length, field);
      byte[] out = new byte[length];
      System.arraycopy(data, pos, out, 0, length);
      pos += length;
      return out;
    }

    /** A VarUInt of at most 8 bytes, as the raw bits of an unsigned 64-bit value. */
    public long varUInt(String field) {
      int length = lengthDeterminant(field);
      if (length == 0 || length > 8) {
        throw new InvalidStreamPacketException(field, "VarUInt of " + length + " bytes");
      }
      return bigEndian(length, field);
    }

    /**
     * A VarUInt that saturates at 2^64-1 when longer than 8 bytes (RFC 29 allows it for maxima).
     */
    public long varUIntSaturating(String field) {
      int length = lengthDeterminant(field);
      if (length == 0) {
        throw new InvalidStreamPacketException(field, "empty VarUInt");
      }
      if (length <= 8) {
        return bigEndian(length, field);
      }
      need(length, field);
      pos += length;
      return -1L;
    }

    public byte[] varOctetString(String field) {
      int length = lengthDeterminant(field);
      need(length, field);
      byte[] out = new byte[length];
      System.arraycopy(data, pos, out, 0, length);
      pos += length;
      return out;
    }

    /** A VarOctetString of UTF-8 text. */
    public String utf8(String field) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(varOctetString(field)))
            .toString();
      } catch (CharacterCodingException e) {
        throw new InvalidStreamPacketException(field, "not UTF-8");
      }
    }

    /** The [start, end) of a VarOctetString's content, skipping it. */
    public int[] span(String field) {
      int length = lengthDeterminant(field);
      need(length, field);
      int[] span = {pos, pos + length};
      pos += length;
      return span;
    }

    private int lengthDeterminant(String field) {
      int first = uint8(field);
      if (first < 0x80) {
        return first;
      }
      int bytes = first & 0x7F;
      if (bytes == 0 || bytes > 3) {
        throw new InvalidStreamPacketException(field, "length of " + bytes + " length bytes");
      }
      long length = bigEndian(bytes, field);
      if (length > end - pos) {
        throw new InvalidStreamPacketException(field, "length " + length + " runs past the end");
      }
      return (int) length;
    }

    private long bigEndian(int bytes, String field) {
      need(bytes, field);
      long v = 0;
      for (int i = 0; i < bytes; i++) {
        v = (v << 8) | (data[pos++] & 0xFF);
      }
      return v;
    }

    private void need(int bytes, String field) {
      if (bytes > end - pos) {
        throw new InvalidStreamPacketException(field, "truncated at byte " + pos);
      }
    }
  }

  /** Writes OER. */
  public static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public Writer uint8(int v) {
      out.write(v);
      return this;
    }

    /** A fixed 8-byte unsigned integer. */
    public Writer uint64(long v) {
      for (int i = 7; i >= 0; i--) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    /** Bytes as they are. */
    public Writer raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    /** A VarUInt of the unsigned 64-bit value {@code v}, in the fewest bytes (at least one). */
    public Writer varUInt(long v) {
      int bytes = Math.max(1, 8 - Long.numberOfLeadingZeros(v) / 8);
      out.write(bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((int) (v >>> (8 * i)));
      }
      return this;
    }

    public Writer varOctetString(byte[] bytes) {
      lengthDeterminant(bytes.length);
      out.writeBytes(bytes);
      return this;
    }

    public Writer utf8(String text) {
      return varOctetString(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }

    private void lengthDeterminant(int length) {
      if (length < 0x80) {
        out.write(length);
        return;
      }
      int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
  }
}
