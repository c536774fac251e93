package org.ilptorrent.magnet;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shape of a balance id, the secret a paying leecher credits its receipts to and announces with
 * ({@code requestId}): 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ -}, as a receipt verifier's
 * balances API accepts it in its paths (a UUID is one). Balance ids travel as {@code String}s; this
 * class holds the one rule every module checks them with, and makes fresh ones.
 */
public final class BalanceId {
  /** The longest balance id, in characters. */
  public static final int MAX_LENGTH = 128;

  /** The rule in words, for messages: {@code 1..128 characters of A-Z a-z 0-9 . _ ~ -}. */
  public static final String RULE = "1..128 characters of A-Z a-z 0-9 . _ ~ -";

  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~-]{1," + MAX_LENGTH + "}");

  private BalanceId() {}

  /** Whether {@code balanceId} is a well-formed balance id; false for null. */
  public static boolean isValid(String balanceId) {
    return balanceId != null
        && balanceId.length() <= MAX_LENGTH
        && SHAPE.matcher(balanceId).matches();
  }

  /**
   * Returns {@code balanceId} when it is well-formed.
   *
   * @throws IllegalArgumentException ({@code "a balance id is 1..128 characters of ..."}) when it
   *     is null or not
   */
  public static String check(String balanceId) {
    if (!isValid(balanceId)) {
      throw new IllegalArgumentException("a balance id is " + RULE);
    }
    return balanceId;
  }

  /**
   * A fresh balance id: a random (version 4) UUID from a cryptographically strong generator, 122
   * random bits, so that nobody can guess a balance someone else paid into.
   */
  public static String random() {
    return UUID.randomUUID().toString();
  }
}
