package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentException;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.TorrentListener;
import org.ilptorrent.webtorrent.WebTorrent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent download}: fetches a torrent's files, then exits. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    header = "Download a torrent into a folder, paying for it if it is paid.",
    description = {
      "Downloads a torrent (a .torrent file, a magnet link or an info hash) into --out, with a status line on stderr: 'fetching metadata' until a peer sent a magnet's metadata, then percent, speed, peers and ETA. Each tracker failure or warning is shown once. Exits 0 once every piece is verified, printing 'done <folder or file>' on stdout.",
      "Peers come from --peer, the torrent's trackers (or a magnet's tr) and a magnet's x.pe; a magnet or info hash needs a peer that has the metadata. With --timeout it gives up when nothing arrives for that long: exit 1 and one line saying why.",
      "A paid torrent is paid with --ilp and --token (an ILP-over-HTTP account) up to --max-price (asked on a terminal when missing); without them it exits 2 with 'payment required: <price> <asset> to <pointer>'."
    })
public final class DownloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<torrent>", description = "A .torrent file, magnet link or info hash.")
  String source;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Download folder. Default: the current folder.")
  Path out;

  @Option(names = "--peer", paramLabel = "HOST:PORT", description = "A peer to dial; repeatable.")
  List<String> peers = new ArrayList<>();

  @Mixin Services.PeerListenOptions listen;

  @Mixin ServeOptions serve;

  @Mixin WebRtcOption webrtc;

  @Mixin RateLimits limits;

  @Option(
      names = "--ilp",
      paramLabel = "URL",
      description = "ILP-over-HTTP account URL to pay paid torrents from.")
  URI ilp;

  @Option(names = "--token", paramLabel = "T", description = "Bearer token of the --ilp account.")
  String token;

  @Option(
      names = "--max-price",
      paramLabel = "PRICE",
      description = "Pay a paid torrent's price up to this: a decimal, in the licence's asset.")
  BigDecimal maxPrice;

  @Option(
      names = "--asset",
      paramLabel = "CODE",
      description = "Pay only licences in this asset. Default: any asset.")
  String asset;

  @Option(
      names = "--admission-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = Durations.class,
      description = "How long trackers may take to admit a paid balance. Default: 60s.")
  java.time.Duration admissionTimeout;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Give up (exit 1, saying why) when nothing arrived for this long: no metadata, no"
              + " piece, no payment progress; such as 30s or 5m. Default: wait until stopped.")
  java.time.Duration timeout;

  /**
   * Shows the payment as it goes: the licence, a payment line (paid of price), and admission. On
   * the client's event thread; the status line is synchronized.
   */
  private static final class PaymentView implements TorrentListener {
    private final StatusLine status;
    volatile License license;
    volatile long paid;
    volatile long credited;
    volatile boolean admitted;

    PaymentView(StatusLine status) {
      this.status = status;
    }

    @Override
    public void onPaymentRequired(License l) {
      license = l;
      status.finish("licence: " + describe(l) + " (verifier " + l.verifier() + ")");
    }

    @Override
    public void onPaying(long soFar, long price) {
      paid = soFar;
      status.show(line());
    }

    @Override
    public void onPaid(long delivered) {
      paid = delivered;
      status.show(line());
    }

    @Override
    public void onReceiptsCredited(long total) {
      credited = total;
    }

    @Override
    public void onAdmitted() {
      admitted = true;
      if (license != null) {
        status.finish(line() + "; admitted");
      }
    }

    private String line() {
      License l = license;
      return "payment: paid "
          + paid
          + " of "
          + l.amount()
          + " "
          + units(l)
          + ", credited "
          + credited;
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<InetSocketAddress> dial = peers.stream().map(PeerAddresses::parse).toList();
    Object what = TorrentSource.resolve(source);
    Files.createDirectories(out);
    if ((ilp == null) != (token == null)) {
      throw new ParameterException(spec.commandLine(), "--ilp and --token go together");
    }
    if (maxPrice != null && maxPrice.signum() < 0) {
      throw new ParameterException(spec.commandLine(), "--max-price must not be negative");
    }
    PrintWriter err = spec.commandLine().getErr();
    StatusLine status = StatusLine.forConsole(err);
    PaymentView payment = new PaymentView(status);
    WebTorrent.Builder builder =
        WebTorrent.builder()
            .host(listen.host())
            .port(listen.port)
            .encryption(listen.encryption)
            .downloadFolder(out)
            .paymentPolicy(this::approve)
            .admissionTimeout(admissionTimeout);
    limits.applyTo(builder);
    if (ilp != null) {
      builder.payer(Payer.stream(ilp, token));
    }
    webrtc.apply(
        builder,
        what instanceof TorrentInfo t ? t.announce() : ((TorrentIdentity) what).magnet().announce(),
        err);
    try (WebTorrent client = Services.listening(listen.host(), "" + listen.port, builder::start)) {
      TorrentWarnings warnings = new TorrentWarnings(status);
      DownloadStall stall =
          new DownloadStall(trackersOf(what), !dial.isEmpty() || hasPeerAddresses(what), warnings);
      AddOptions options =
          AddOptions.builder().listener(payment).listener(warnings).listener(stall).build();
      org.ilptorrent.webtorrent.Torrent torrent =
          what instanceof TorrentInfo t
              ? client.add(t, options)
              : client.add(((TorrentIdentity) what).magnet(), options);
      dial.forEach(torrent::addPeer);
      if (serve.requested()) {
        serve.start(client, torrent, spec.commandLine().getOut());
      }
      long started = System.nanoTime();
      stall.start();
      while (true) {
        try {
          torrent.whenDone().get(1, TimeUnit.SECONDS);
          break;
        } catch (TimeoutException e) {
          if (payment.license != null && !payment.admitted) {
            continue; // the payment line is showing
          }
          Progress p = torrent.progress();
          boolean metadata = torrent.metadata().isPresent();
          status.show(DownloadStall.status(metadata, p));
          java.util.Optional<String> stalled = stall.stalled(timeout, metadata, p);
          if (stalled.isPresent()) {
            status.clear();
            err.println("ilp-torrent: " + stalled.get());
            return ErrorHandlers.FAILED;
          }
        } catch (ExecutionException e) {
          if (e.getCause() instanceof PaymentException pe) {
            return paymentFailed(pe, payment.license, status);
          }
          status.finish("download failed");
          throw new IOException(
              "download failed: " + ErrorHandlers.oneLine(e.getCause().getMessage()), e.getCause());
        }
      }
      Progress p = torrent.progress();
      double seconds = (System.nanoTime() - started) / 1e9;
      // What came from peers, apart from what was already on disk and checked good (a resume).
      status.finish(
          String.format(
              "complete: %s verified; fetched %d bytes in %.1f s (%s/s)",
              ProgressLine.bytes(p.length()),
              p.downloaded(),
              seconds,
              ProgressLine.bytes((long) (p.downloaded() / Math.max(seconds, 1e-3)))));
      spec.commandLine().getOut().println("done " + out.resolve(torrent.name()));
      if (serve.requested()) {
        err.println("serving until stopped (Ctrl-C)");
        Services.runUntilStopped(client, "ilp-torrent-serve");
      }
      return 0;
    }
  }

  /**
   * The payment policy: without an account nothing is paid; with --max-price the price decides;
   * otherwise a terminal asks and anything else refuses.
   */
  private boolean approve(License license) {
    if (ilp == null) {
      return false;
    }
    if (asset != null && !asset.equals(license.assetCode())) {
      return false;
    }
    if (maxPrice != null) {
      return license.price().compareTo(maxPrice) <= 0;
    }
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("Pay %s? [y/N] ", describe(license));
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }

  private int paymentFailed(PaymentException e, License license, StatusLine status) {
    status.finish("payment failed");
    PrintWriter err = spec.commandLine().getErr();
    switch (e.reason()) {
      case REFUSED, NO_PAYER -> {
        String why =
            ilp == null
                ? " (pay with --ilp URL --token T --max-price PRICE)"
                : maxPrice == null
                    ? " (not a terminal: give --max-price to pay)"
                    : " (above --max-price " + maxPrice.toPlainString() + ")";
        err.println(
            "ilp-torrent: payment required: " + (license == null ? "" : describe(license)) + why);
        return ErrorHandlers.BAD_INPUT;
      }
      case LICENSE_MISMATCH -> {
        err.println("ilp-torrent: " + ErrorHandlers.oneLine(e.getMessage()));
        return ErrorHandlers.BAD_INPUT;
      }
      default -> {
        err.println(
            "ilp-torrent: "
                + ErrorHandlers.oneLine(e.getMessage())
                + " (paid "
                + e.paid()
                + ", credited "
                + e.credited()
                + ")");
        return ErrorHandlers.INTERNAL;
      }
    }
  }

  /** {@code 0.50 USD to <pointer>}. */
  static String describe(License l) {
    return l.price().toPlainString() + " " + l.assetCode() + " to " + l.paymentPointer();
  }

  private static String units(License l) {
    return l.assetCode() + " units of 10^-" + l.assetScale();
  }

  private static List<String> trackersOf(Object what) {
    return what instanceof TorrentInfo t ? t.announce() : ((TorrentIdentity) what).announce();
  }

  private static boolean hasPeerAddresses(Object what) {
    return what instanceof TorrentIdentity id && !id.magnet().peerAddresses().isEmpty();
  }
}
