package org.ilptorrent.verifier;

import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.magnet.PaymentPointer;

/**
 * A wallet pointer registered at a verifier.
 *
 * @param hash the registry key: the proxy pointer's last path segment, 64 lowercase hex
 * @param proxyPointer the pointer to publish in licences ({@code <verifier>/spsp/<hash>})
 * @param managementToken the token that deregisters it; present only when this registration created
 *     the entry (a repeat registration of the same pointer gets none)
 */
public record ProxyRegistration(
    String hash, PaymentPointer proxyPointer, Optional<String> managementToken) {

  /** Checks the hash's shape and that nothing is null. */
  public ProxyRegistration {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(proxyPointer, "proxyPointer");
    Objects.requireNonNull(managementToken, "managementToken");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a proxy hash is 64 lowercase hex characters");
    }
  }
}
