package org.ilptorrent.examples;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * Licences in magnets with ilp-magnet-uri alone (and ilp-bencode, its one dependency): price a
 * licence exactly, write a paid magnet with its pointer ({@code pp}) and verifier ({@code vr}),
 * read it back, check a tracker's full licence against it, and bencode the licence as a paid
 * torrent carries it. No network, no other jar.
 */
public final class MagnetLicences {
  private MagnetLicences() {}

  public static void main(String[] args) {
    // 1.07 USD at the receiving wallet's scale 9: 1070000000 base units, never floating point
    License license =
        License.ofPrice(
            PaymentPointer.parse("$wallet.example/alice"),
            URI.create("https://verifier.example"),
            "1.07",
            "USD",
            9);
    System.out.println("price " + license.price() + " " + license.assetCode());
    System.out.println("amount " + license.amount() + " at scale " + license.assetScale());

    // the magnet carries the pointer and the verifier; the price stays in the torrent
    MagnetUri magnet =
        MagnetUri.builder(InfoHash.fromHex("d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"))
            .name("Leaves of Grass")
            .addTracker("wss://tracker.example")
            .license(license.partial())
            .build();
    System.out.println("magnet " + magnet);

    MagnetUri read = MagnetUri.parse(magnet.toString());
    PartialLicense fromMagnet = read.license().orElseThrow();
    System.out.println("read pp " + fromMagnet.paymentPointer() + " vr " + fromMagnet.verifier());
    System.out.println("same magnet " + read.equals(magnet));

    // a tracker answers 'payment required' with the full licence: it must match pp and vr
    System.out.println("tracker licence matches " + fromMagnet.matches(license));
    License other =
        License.ofPrice(
            PaymentPointer.parse("$wallet.example/mallory"),
            URI.create("https://verifier.example"),
            "1.07",
            "USD",
            9);
    System.out.println("other licence matches " + fromMagnet.matches(other));

    // a free magnet has no licence
    System.out.println(
        "free magnet licence "
            + MagnetUri.parse("magnet:?xt=urn:btih:" + "ab".repeat(20)).license().isPresent());

    // the licence as a paid torrent's info dict holds it
    byte[] bencoded = Bencode.encode(license.toBencode());
    System.out.println("bencoded " + new String(bencoded, StandardCharsets.UTF_8));
    System.out.println(
        "decoded equal " + License.fromBencode(Bencode.decodeDictionary(bencoded)).equals(license));
  }
}
