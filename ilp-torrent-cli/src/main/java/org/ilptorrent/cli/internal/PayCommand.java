package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamPaymentException;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.UnknownBalanceException;
import org.ilptorrent.verifier.internal.http.SharedHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent pay}: pays a pointer over STREAM and credits the receipts. */
@Command(
    name = "pay",
    mixinStandardHelpOptions = true,
    header = "Pay a payment pointer over STREAM and credit the receipts.",
    description = {
      "Pays a payment pointer AMOUNT (in the receiver's units) over STREAM through an ILP-over-HTTP account; with --verifier, credits the receipts to --balance-id there.",
      "The balance id and the verifier are checked before any money moves, and each receipt is credited as it arrives.",
      "Ends with 'delivered N' and, with a verifier, 'balance N' ('credited N' when the payment stopped short); exits 0 only when the target was reached."
    })
public final class PayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<pointer>", description = "Payment pointer to pay.")
  String pointer;

  @Parameters(index = "1", paramLabel = "<amount>", description = "Target, receiver's units.")
  long amount;

  @Option(names = "--ilp", required = true, paramLabel = "URL", description = "ILP-over-HTTP URL.")
  URI ilp;

  @Option(names = "--token", required = true, paramLabel = "T", description = "Bearer token.")
  String token;

  @Option(names = "--verifier", paramLabel = "URL", description = "Receipt verifier base URL.")
  URI verifier;

  @Option(names = "--balance-id", paramLabel = "ID", description = "Balance to credit receipts to.")
  String balanceId;

  @Override
  public Integer call() throws IOException {
    if ((verifier == null) != (balanceId == null)) {
      throw new ParameterException(spec.commandLine(), "--verifier and --balance-id go together");
    }
    if (amount <= 0) {
      throw new IllegalArgumentException("<amount> must be positive");
    }
    // Everything that can be checked is checked before any money moves.
    if (balanceId != null && !BalanceId.isValid(balanceId)) {
      throw new ParameterException(spec.commandLine(), "--balance-id must be " + BalanceId.RULE);
    }
    PaymentPointer receiver = PaymentPointer.parse(pointer);
    PrintWriter out = spec.commandLine().getOut();
    ReceiptVerifierClient client =
        verifier == null ? null : ReceiptVerifierClient.builder(verifier).build();
    if (client != null) {
      try {
        // a spend of nothing from the pointer paid: any verifier answer but 404 proves it is there
        client.spend(balanceId, 0, receiver.toString(), null);
      } catch (UnknownBalanceException e) {
        // reached: a balance the verifier has not seen yet
      } catch (RuntimeException e) {
        throw new IOException(
            "the verifier "
                + verifier
                + " cannot be used: "
                + ErrorHandlers.describe(e)
                + "; nothing paid",
            e);
      } catch (IOException e) {
        throw new IOException(ErrorHandlers.describe(e) + "; nothing paid", e);
      }
    }
    Spsp.Details details = Spsp.query(receiver, SharedHttpClient.get(), Duration.ofSeconds(30));
    if (client != null && !details.receiptsEnabled()) {
      throw new IOException("the receiver does not send receipts; nothing could be credited");
    }
    long[] credited = {0};
    long[] balance = {0};
    StreamSender.Listener crediting =
        new StreamSender.Listener() {
          @Override
          public void onReceipt(byte[] receipt, long delivered, long sent) {
            if (client == null) {
              return;
            }
            // One receipt per request, as each arrives: a payment cut short still counts.
            try {
              Receipt r = Receipt.decode(receipt);
              balance[0] = client.creditReceipt(balanceId, r);
              credited[0] = r.totalReceivedBits();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    PaymentResult result;
    try {
      result =
          new StreamSender(new IlpOverHttpLink(ilp, token))
              .payNow(details.destinationAccount(), details.sharedSecret(), amount, crediting);
    } catch (StreamPaymentException e) {
      out.println("delivered " + e.delivered());
      if (client != null) {
        out.println("credited " + credited[0]);
      }
      String why =
          e.getCause() instanceof UncheckedIOException io
              ? "the verifier did not credit a receipt: " + io.getCause().getMessage()
              : e.getMessage();
      spec.commandLine().getErr().println("ilp-torrent: " + ErrorHandlers.oneLine(why));
      return 1;
    }
    out.println("delivered " + result.delivered());
    if (client != null) {
      out.println("balance " + balance[0]);
    }
    return result.delivered() >= amount ? 0 : 1;
  }
}
