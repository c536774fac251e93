package org.ilptorrent.stream;

/**
 * A STREAM frame (RFC 29 section 5). Integers are unsigned 64-bit values held in {@code long}s:
 * compare them with {@link Long#compareUnsigned} and print them with {@link Long#toUnsignedString}.
 */
public sealed interface StreamFrame {

  /** The frame's type byte. */
  int type();

  /** 0x01: the sender closes the connection. */
  record ConnectionClose(int errorCode, String errorMessage) implements StreamFrame {
    public int type() {
      return 0x01;
    }
  }

  /** 0x02: the sender's ILP address. */
  record ConnectionNewAddress(String sourceAccount) implements StreamFrame {
    public int type() {
      return 0x02;
    }
  }

  /** 0x03: the most connection-level data the sender accepts. */
  record ConnectionMaxData(long maxOffset) implements StreamFrame {
    public int type() {
      return 0x03;
    }
  }

  /** 0x04: the sender is blocked on connection-level data. */
  record ConnectionDataBlocked(long maxOffset) implements StreamFrame {
    public int type() {
      return 0x04;
    }
  }

  /** 0x05: the largest stream id the sender accepts. */
  record ConnectionMaxStreamId(long maxStreamId) implements StreamFrame {
    public int type() {
      return 0x05;
    }
  }

  /** 0x06: the sender wants to open more streams. */
  record ConnectionStreamIdBlocked(long maxStreamId) implements StreamFrame {
    public int type() {
      return 0x06;
    }
  }

  /** 0x07: the sender's asset. */
  record ConnectionAssetDetails(String sourceAssetCode, int sourceAssetScale)
      implements StreamFrame {
    public int type() {
      return 0x07;
    }
  }

  /** 0x10: a stream is closed. */
  record StreamClose(long streamId, int errorCode, String errorMessage) implements StreamFrame {
    public int type() {
      return 0x10;
    }
  }

  /** 0x11: how the packet's amount is shared among streams. */
  record StreamMoney(long streamId, long shares) implements StreamFrame {
    public int type() {
      return 0x11;
    }
  }

  /** 0x12: how much a stream may receive, and has. */
  record StreamMaxMoney(long streamId, long receiveMax, long totalReceived) implements StreamFrame {
    public int type() {
      return 0x12;
    }
  }

  /** 0x13: a stream's sender is blocked by the receive limit. */
  record StreamMoneyBlocked(long streamId, long sendMax, long totalSent) implements StreamFrame {
    public int type() {
      return 0x13;
    }
  }

  /** 0x14: stream data at an offset. */
  record StreamData(long streamId, long offset, byte[] data) implements StreamFrame {
    /** Copies the data. */
    public StreamData {
      data = data.clone();
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
      return data.clone();
    }

    public int type() {
      return 0x14;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StreamData d
          && d.streamId == streamId
          && d.offset == offset
          && java.util.Arrays.equals(d.data, data);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(data) * 31 + Long.hashCode(streamId ^ offset);
    }
  }

  /** 0x15: the most data a stream accepts. */
  record StreamMaxData(long streamId, long maxOffset) implements StreamFrame {
    public int type() {
      return 0x15;
    }
  }

  /** 0x16: a stream is blocked on data. */
  record StreamDataBlocked(long streamId, long maxOffset) implements StreamFrame {
    public int type() {
      return 0x16;
    }
  }

  /**
   * 0x17: a STREAM receipt (RFC 39) for a stream; the receiver sends its latest one in every
   * Fulfill that carries money.
   */
  record StreamReceipt(long streamId, byte[] receipt) implements StreamFrame {
    /** Copies the receipt. */
    public StreamReceipt {
      receipt = receipt.clone();
    }

    /** A copy of the receipt bytes. */
    @Override
    public byte[] receipt() {
      return receipt.clone();
    }

    public int type() {
      return 0x17;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StreamReceipt r
          && r.streamId == streamId
          && java.util.Arrays.equals(r.receipt, receipt);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(receipt) * 31 + Long.hashCode(streamId);
    }
  }
}
