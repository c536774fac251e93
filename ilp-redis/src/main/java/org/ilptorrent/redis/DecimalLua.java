package org.ilptorrent.redis;

/**
 * Lua helpers for exact integer arithmetic on decimal strings. Redis runs Lua 5.1, whose numbers
 * are doubles (exact only below 2^53), while balances and receipt totals go up to 2^63-1: scripts
 * keep such values as canonical decimal strings (no sign, no leading zeros) and use these.
 */
public final class DecimalLua {
  private DecimalLua() {}

  /** 2^63-1, the largest balance or total. */
  public static final String MAX = "9223372036854775807";

  /** {@code dcmp(a, b)} (-1, 0, 1), {@code dadd(a, b)}, {@code dsub(a, b)} for a >= b. */
  public static final String LIBRARY =
      """
      local DMAX = '9223372036854775807'
      local function dcmp(a, b)
        if #a ~= #b then return #a < #b and -1 or 1 end
        if a == b then return 0 end
        return a < b and -1 or 1
      end
      local function dtrim(digits)
        local s = table.concat(digits):reverse():gsub('^0+', '')
        if s == '' then return '0' end
        return s
      end
      local function dadd(a, b)
        -- Below 10^15 each, doubles are exact (the sum stays under 2^53): the common case.
        if #a < 16 and #b < 16 then return string.format('%.0f', tonumber(a) + tonumber(b)) end
        local out, carry, i, j = {}, 0, #a, #b
        while i > 0 or j > 0 or carry > 0 do
          local s = carry
          if i > 0 then s = s + a:byte(i) - 48 end
          if j > 0 then s = s + b:byte(j) - 48 end
          out[#out + 1] = s % 10
          carry = (s - s % 10) / 10
          i, j = i - 1, j - 1
        end
        return dtrim(out)
      end
      local function dsub(a, b)
        if #a < 16 then return string.format('%.0f', tonumber(a) - tonumber(b)) end
        local out, borrow, i, j = {}, 0, #a, #b
        while i > 0 do
          local d = a:byte(i) - 48 - borrow
          if j > 0 then d = d - (b:byte(j) - 48) end
          if d < 0 then d, borrow = d + 10, 1 else borrow = 0 end
          out[#out + 1] = d
          i, j = i - 1, j - 1
        end
        return dtrim(out)
      end
      """;
}
