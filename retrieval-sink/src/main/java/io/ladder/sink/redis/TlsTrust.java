package io.ladder.sink.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS trust from a CA certificate file, for Redis deployments with a private CA. */
final class TlsTrust {
    private TlsTrust() {}

    /** A socket factory that trusts only the CA certificates in a PEM file. */
    static SSLSocketFactory trusting(String pemPath) {
        try (InputStream in = Files.newInputStream(Path.of(pemPath))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new RedisStoreException("no certificate in TLS CA file " + pemPath);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new RedisStoreException(
                    "cannot load the TLS CA certificate file "
                            + pemPath
                            + " ("
                            + e.getMessage()
                            + "); it must hold PEM certificates",
                    e);
        }
    }
}
