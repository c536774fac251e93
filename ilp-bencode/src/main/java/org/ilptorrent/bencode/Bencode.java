package org.ilptorrent.bencode;

/**
 * Reading and writing bencode (BEP 3) with the default limits. For other limits, or to read a value
 * followed by other bytes, use a {@link BencodeReader}; to write piece by piece, a {@link
 * BencodeWriter}.
 */
public final class Bencode {
  private Bencode() {}

  /**
   * Reads the one value that fills {@code data}; byte strings are views of {@code data}.
   *
   * @throws BencodeException when it is malformed, nested deeper than {@value
   *     BencodeReader#DEFAULT_MAX_DEPTH}, or followed by other bytes
   */
  public static BValue decode(byte[] data) {
    return BencodeReader.defaults().decode(data);
  }

  /**
   * Reads the one dictionary that fills {@code data}.
   *
   * @throws BencodeException as {@link #decode(byte[])} does, and when it is not a dictionary
   */
  public static BDictionary decodeDictionary(byte[] data) {
    return BencodeReader.defaults().decodeDictionary(data);
  }

  /** The canonical bencoding of {@code value}: dictionary keys in unsigned byte order. */
  public static byte[] encode(BValue value) {
    return new BencodeWriter().value(value).toByteArray();
  }

  /**
   * The bencoding of {@code value}, with each dictionary or list in it that was read from input
   * written as its exact input bytes: a rebuilt .torrent keeps its info dictionary, and so its info
   * hash, even when that dictionary was not canonical.
   */
  public static byte[] encodeExact(BValue value) {
    return new BencodeWriter().exact(value).toByteArray();
  }
}
