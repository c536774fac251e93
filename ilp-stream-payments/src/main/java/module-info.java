/**
 * Interledger STREAM (RFC 29) with STREAM receipts (RFC 39), for paying ILP Torrent licences from
 * Java. The exported package holds:
 *
 * <ul>
 *   <li>the ILP packet codec (RFC 27: Prepare, Fulfill, Reject) and the STREAM packet codec with
 *       every frame type, receipts included, and the packet crypto;
 *   <li>{@code StreamSender}, which pays a receiver until its receipts attest a target amount, over
 *       an {@code IlpLink} such as {@code IlpOverHttpLink} (ILP-over-HTTP, RFC 35);
 *   <li>{@code StreamReceiver}, which accepts payments for the addresses it generates and signs a
 *       receipt for every stream that receives money;
 *   <li>{@code Spsp} (RFC 9) and the wallet's {@code AssetDetails}.
 * </ul>
 *
 * <p>The embeddable wallet server is {@code org.ilptorrent.stream.wallet} (artifact
 * ilp-stream-wallet); this module has no server code and no Netty.
 */
module org.ilptorrent.stream {
  requires transitive org.ilptorrent.verifier;
  requires stream.core;
  requires ilp.core;
  // stream-core and ilp-core are automatic modules that use Guava without declaring it; naming
  // Guava here puts it in the module graph when all sit on the module path.
  requires com.google.common;
  // stream-core logs through slf4j-api, also without declaring it.
  requires org.slf4j;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports org.ilptorrent.stream;
  // The OER writer, for the wallet's ILDCP answers.
  exports org.ilptorrent.stream.internal to
      org.ilptorrent.stream.wallet;
}
