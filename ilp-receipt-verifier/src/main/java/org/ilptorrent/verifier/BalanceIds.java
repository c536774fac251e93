package org.ilptorrent.verifier;

import java.util.regex.Pattern;

/**
 * The shape of a balance id, as the verifier's balances API accepts it in its paths: 1 to 128
 * characters of {@code A-Z a-z 0-9 . _ ~ -} (a UUID is one). The one rule every module checks
 * balance ids with.
 */
public final class BalanceIds {
  private static final Pattern BALANCE_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

  private BalanceIds() {}

  /** Whether {@code balanceId} is a well-formed balance id; false for null. */
  public static boolean isValid(String balanceId) {
    return balanceId != null && BALANCE_ID.matcher(balanceId).matches();
  }
}
