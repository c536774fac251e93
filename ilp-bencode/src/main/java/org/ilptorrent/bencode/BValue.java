package org.ilptorrent.bencode;

/**
 * A bencoded value: a byte string, an integer, a list or a dictionary.
 *
 * <p>Values are immutable. Values read by {@link BencodeReader} remember where they came from:
 * {@link BDictionary#offsetOf(String)}, {@link BList#offsetOf(int)} and the exact input bytes of
 * {@link BDictionary#encoded()} and {@link BList#encoded()}.
 */
public sealed interface BValue permits BString, BInteger, BList, BDictionary {

  /**
   * The bencoding of this value: for a dictionary or list read from input, the exact input bytes;
   * otherwise the canonical encoding ({@link Bencode#encode(BValue)}).
   */
  byte[] encoded();

  /** What kind of value this is, for messages: "a byte string", "an integer", ... */
  default String kind() {
    if (this instanceof BString) {
      return "a byte string";
    } else if (this instanceof BInteger) {
      return "an integer";
    } else if (this instanceof BList) {
      return "a list";
    }
    return "a dictionary";
  }
}
