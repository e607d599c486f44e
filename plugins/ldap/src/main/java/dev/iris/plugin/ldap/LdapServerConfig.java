package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a directory is and how to connect to it: {@code url} ({@code ldap://} or
 * {@code ldaps://}, certificates checked against the JVM's trust store), {@code start_tls}
 * (upgrade an {@code ldap://} connection, default false), {@code ca_cert_path} (a PEM file of the
 * CA certificates to trust instead of the JVM's trust store), {@code bind_dn} and
 * {@code bind_password} (a service account; anonymous when absent) and {@code timeout} (seconds,
 * default 10).
 */
record LdapServerConfig(LDAPURL url, boolean startTls, Optional<String> bindDn, Optional<String> bindPassword, Duration timeout, Optional<Path> caCertificates)
{
    static final String URL = "url";
    static final String START_TLS = "start_tls";
    static final String BIND_DN = "bind_dn";
    static final String BIND_PASSWORD = "bind_password";
    static final String TIMEOUT = "timeout";
    static final String CA_CERT_PATH = "ca_cert_path";

    LdapServerConfig
    {
        requireNonNull(url, "url is null");
        requireNonNull(bindDn, "bindDn is null");
        requireNonNull(bindPassword, "bindPassword is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(caCertificates, "caCertificates is null");
    }

    static LdapServerConfig from(PluginConfig config, String urlKey, String startTlsKey, String bindDnKey, String bindPasswordKey, String timeoutKey, String caCertPathKey)
    {
        LDAPURL url;
        try {
            url = new LDAPURL(config.required(urlKey).trim());
        }
        catch (LDAPException e) {
            throw new PluginConfigException(urlKey, "must be an ldap:// or ldaps:// URL");
        }
        boolean startTls = config.booleanValue(startTlsKey, false);
        if (startTls && url.getScheme().equals("ldaps")) {
            throw new PluginConfigException(startTlsKey, "cannot be used with an ldaps:// URL, which is encrypted already");
        }
        Optional<String> bindDn = config.optional(bindDnKey);
        Optional<String> bindPassword = config.optional(bindPasswordKey);
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new PluginConfigException(bindDn.isPresent() ? bindPasswordKey : bindDnKey, "must be set together with " + (bindDn.isPresent() ? bindDnKey : bindPasswordKey));
        }
        int timeoutSeconds = config.intValue(timeoutKey, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 120) {
            throw new PluginConfigException(timeoutKey, "must be between 1 and 120 seconds");
        }
        Optional<Path> caCertificates = config.optional(caCertPathKey).map(value -> Path.of(value.trim()));
        if (caCertificates.isPresent() && !Files.isReadable(caCertificates.get())) {
            throw new PluginConfigException(caCertPathKey, "must be a readable PEM file of CA certificates");
        }
        return new LdapServerConfig(url, startTls, bindDn, bindPassword, Duration.ofSeconds(timeoutSeconds), caCertificates);
    }

    /**
     * A pool bound as the service account. It does not fail when the directory is down at
     * startup: each operation connects as needed and reports its own failure.
     */
    LDAPConnectionPool pool(int maxConnections)
            throws LDAPException
    {
        BindRequest bind = bindDn.isPresent() ? new SimpleBindRequest(bindDn.get(), bindPassword.orElseThrow()) : null;
        return new LDAPConnectionPool(serverSet(), bind, 0, maxConnections, postConnect(), false);
    }

    SingleServerSet serverSet()
            throws LDAPException
    {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) timeout.toMillis());
        options.setResponseTimeoutMillis(timeout.toMillis());
        options.setFollowReferrals(false);
        // Certificates must name the host we connect to, not just chain to a trusted CA.
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        if (url.getScheme().equals("ldaps")) {
            try {
                return new SingleServerSet(url.getHost(), url.getPort(), sslUtil().createSSLSocketFactory(), options);
            }
            catch (GeneralSecurityException e) {
                throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR, "cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return new SingleServerSet(url.getHost(), url.getPort(), options);
    }

    PostConnectProcessor postConnect()
            throws LDAPException
    {
        if (!startTls) {
            return null;
        }
        try {
            return new StartTLSPostConnectProcessor(sslUtil().createSSLContext());
        }
        catch (GeneralSecurityException e) {
            throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.LOCAL_ERROR, "cannot set up StartTLS: " + e.getMessage(), e);
        }
    }

    // Certificates are checked against the configured CA file, or the JVM's trust store.
    private SSLUtil sslUtil()
            throws GeneralSecurityException
    {
        if (caCertificates.isPresent()) {
            return new SSLUtil(new PEMFileTrustManager(caCertificates.get().toFile()));
        }
        return new SSLUtil(JVMDefaultTrustManager.getInstance());
    }

    @Override
    public String toString()
    {
        return "LdapServerConfig{url=" + url + ", bindDn=" + bindDn.orElse("(anonymous)") + "}";
    }
}
