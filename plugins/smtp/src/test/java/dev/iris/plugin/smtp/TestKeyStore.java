package dev.iris.plugin.smtp;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * The test servers' TLS key: {@code smtp-test-localhost.p12}, a self-signed certificate naming
 * {@code localhost} and {@code 127.0.0.1} (so the client's host name check stays on, as in
 * production), valid for 100 years. It was made once with:
 *
 * <pre>
 * keytool -genkeypair -alias greenmail -keyalg RSA -keysize 2048 -validity 36500 \
 *     -dname CN=localhost -ext san=dns:localhost,ip:127.0.0.1 \
 *     -storetype PKCS12 -keystore smtp-test-localhost.p12 -storepass changeit
 * </pre>
 *
 * (The alias is GreenMail's, which looks the key up by that name.) Clients trust it through the
 * plugin's {@code ssl_trust: localhost}.
 */
final class TestKeyStore
{
    static final String RESOURCE = "smtp-test-localhost.p12";
    static final String PASSWORD = "changeit";

    private TestKeyStore() {}

    static String path()
    {
        try {
            return Path.of(TestKeyStore.class.getClassLoader().getResource(RESOURCE).toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A server-side TLS context presenting the test certificate.
     */
    static SSLContext serverContext()
    {
        try (InputStream in = TestKeyStore.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
        catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the test key store " + RESOURCE, e);
        }
    }
}
