package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.stream.IlpOverHttpLink;
import org.ilptorrent.stream.PaymentResult;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.stream.StreamPaymentException;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
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
    description = {
      "Pay a payment pointer AMOUNT (in the receiver's units) over STREAM through an",
      "ILP-over-HTTP account; with --verifier, credit the receipts to --balance-id there.",
      "Ends with 'delivered N' and, with a verifier, 'balance N'; exit 0 only when the",
      "target was reached."
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
    PrintWriter out = spec.commandLine().getOut();
    Spsp.Details details =
        Spsp.query(
            PaymentPointer.parse(pointer), HttpClient.newHttpClient(), Duration.ofSeconds(30));
    if (verifier != null && !details.receiptsEnabled()) {
      throw new IOException("the receiver does not send receipts; nothing could be credited");
    }
    PaymentResult result;
    try {
      result =
          new StreamSender(new IlpOverHttpLink(ilp, token))
              .pay(details.destinationAccount(), details.sharedSecret(), amount)
              .join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StreamPaymentException p) {
        out.println("delivered " + p.delivered());
        spec.commandLine().getErr().println("ilp-torrent: " + p.getMessage());
        return 1;
      }
      throw e;
    }
    out.println("delivered " + result.delivered());
    if (verifier != null) {
      ReceiptVerifierClient client = ReceiptVerifierClient.builder(verifier).build();
      long balance = 0;
      for (byte[] receipt : result.receipts().values()) {
        balance = client.creditReceipt(balanceId, Receipt.decode(receipt));
      }
      out.println("balance " + balance);
    }
    return result.delivered() >= amount ? 0 : 1;
  }
}
