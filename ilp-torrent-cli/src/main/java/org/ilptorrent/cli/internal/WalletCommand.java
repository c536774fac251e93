package org.ilptorrent.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ilptorrent.stream.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent wallet}: runs an embeddable wallet until stopped. */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    header = "Run a small wallet until stopped.",
    description = {
      "Runs a small wallet: SPSP with STREAM receipts, ILP-over-HTTP for account holders, and balances.",
      "Prints one line per account once listening: 'account NAME pointer POINTER ilp ILP_URL token TOKEN'."
    })
public final class WalletCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "0",
      description = "Port. Default: any free port.")
  int port;

  @Mixin Services.HostOption host;

  @Option(
      names = "--account",
      paramLabel = "NAME:ASSET:SCALE[:BALANCE]",
      description =
          "An account, such as alice:USD:9 or bob:USD:9:1000000; repeatable. Default: alice:USD:9.")
  List<String> accounts = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Wallet.Builder b = Wallet.builder().host(host.host).port(port);
    if (accounts.isEmpty()) {
      accounts.add("alice:USD:9");
    }
    for (String a : accounts) {
      String[] p = a.split(":", -1);
      if (p.length < 3 || p.length > 4) {
        throw new IllegalArgumentException(
            "--account must be NAME:ASSET:SCALE[:BALANCE], got " + a);
      }
      try {
        b.account(p[0], p[1], Integer.parseInt(p[2]), p.length == 4 ? Long.parseLong(p[3]) : 0);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--account scale and balance must be numbers: " + a);
      }
    }
    Wallet wallet = Services.listening(host.host, "" + port, b::start);
    PrintWriter out = spec.commandLine().getOut();
    for (Wallet.AccountSpec a : wallet.accounts()) {
      out.println(
          "account "
              + a.name()
              + " pointer "
              + wallet.pointer(a.name())
              + " ilp "
              + wallet.ilpUrl()
              + " token "
              + wallet.token(a.name()));
    }
    out.flush();
    Services.runUntilStopped(wallet, "ilp-wallet");
    return 0;
  }
}
