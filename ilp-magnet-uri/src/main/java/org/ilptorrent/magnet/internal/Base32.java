package org.ilptorrent.magnet.internal;

/** RFC 4648 base32 without padding, as used by 32-character BitTorrent info hashes. */
public final class Base32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Base32() {}

  /** Uppercase base32 of {@code bytes}; the length must be a multiple of 5 bytes. */
  public static String encode(byte[] bytes) {
    if (bytes.length % 5 != 0) {
      throw new IllegalArgumentException("length must be a multiple of 5 bytes");
    }
    StringBuilder out = new StringBuilder(bytes.length * 8 / 5);
    long buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((int) (buffer >> (bits - 5)) & 0x1F));
        bits -= 5;
      }
    }
    return out.toString();
  }

  /**
   * Decodes base32 of either case; the length must be a multiple of 8 characters.
   *
   * @throws IllegalArgumentException naming the first character outside the alphabet
   */
  public static byte[] decode(CharSequence text) {
    if (text.length() % 8 != 0) {
      throw new IllegalArgumentException("base32 length must be a multiple of 8");
    }
    byte[] out = new byte[text.length() * 5 / 8];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int v = c < 0x80 ? ALPHABET.indexOf(Character.toUpperCase(c)) : -1;
      if (v < 0) {
        throw new IllegalArgumentException("not a base32 character at index " + i);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
