package dev.iris.plugin.smtp;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The settings of an SMTP vendor instance. Iris's keys: {@code smtp_server} or
 * {@code smtp_gateway} (exactly one), {@code port}, {@code from}, {@code username},
 * {@code password}, {@code timeout} (seconds, default 10).
 *
 * <p>{@code smtp_server} is a relay's host name. {@code smtp_gateway} is a domain whose MX records
 * are looked up: its mail exchangers are tried in preference order, and the answer is reused for
 * {@code mx_cache_seconds} (default 300). With a gateway the default port is 25 (465 for implicit
 * TLS), where mail exchangers listen.
 *
 * <p>Added:
 * <ul>
 * <li>{@code tls}: {@code starttls} (default: STARTTLS required, port 587), {@code implicit}
 * (TLS from the first byte, port 465) or {@code none} (plain, port 25; Iris's only choice);</li>
 * <li>{@code ssl_trust}: hosts whose certificate is trusted without validation, space separated
 * or {@code *} (for test servers with self-signed certificates only);</li>
 * <li>{@code reply_to}: the address replies should reach (Iris's inbound mailbox), so a reply
 * claims the incident even when {@code from} is a no-reply address;</li>
 * <li>{@code max_connections}: SMTP connections kept open for reuse (default 4).</li>
 * </ul>
 */
record SmtpConfig(
        Optional<String> server,
        Optional<String> gateway,
        Duration mxCacheTtl,
        int port,
        Tls tls,
        Optional<String> sslTrust,
        InternetAddress from,
        Optional<InternetAddress> replyTo,
        Optional<String> username,
        Optional<String> password,
        Duration timeout,
        int maxConnections)
{
    static final String SMTP_SERVER = "smtp_server";
    static final String SMTP_GATEWAY = "smtp_gateway";
    static final String PORT = "port";
    static final String TLS = "tls";
    static final String SSL_TRUST = "ssl_trust";
    static final String FROM = "from";
    static final String REPLY_TO = "reply_to";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TIMEOUT = "timeout";
    static final String MAX_CONNECTIONS = "max_connections";
    static final String MX_CACHE_SECONDS = "mx_cache_seconds";

    private static final Set<String> KEYS = Set.of(SMTP_SERVER, SMTP_GATEWAY, PORT, TLS, SSL_TRUST, FROM, REPLY_TO, USERNAME, PASSWORD, TIMEOUT, MAX_CONNECTIONS, MX_CACHE_SECONDS);

    // Letters, digits and hyphens in dot-separated labels; a trailing dot (absolute name) is allowed.
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,254}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

    enum Tls
    {
        NONE(25), STARTTLS(587), IMPLICIT(465);

        private final int defaultPort;

        Tls(int defaultPort)
        {
            this.defaultPort = defaultPort;
        }
    }

    SmtpConfig
    {
        requireNonNull(server, "server is null");
        requireNonNull(gateway, "gateway is null");
        if (server.isPresent() == gateway.isPresent()) {
            throw new IllegalArgumentException("exactly one of server and gateway must be given");
        }
        requireNonNull(mxCacheTtl, "mxCacheTtl is null");
        requireNonNull(tls, "tls is null");
        requireNonNull(sslTrust, "sslTrust is null");
        requireNonNull(from, "from is null");
        requireNonNull(replyTo, "replyTo is null");
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(timeout, "timeout is null");
    }

    static SmtpConfig from(PluginConfig config)
    {
        config.rejectUnknownKeys(KEYS);
        Optional<String> server = config.optional(SMTP_SERVER).map(String::trim);
        Optional<String> gateway = config.optional(SMTP_GATEWAY).map(String::trim);
        if (server.isPresent() && gateway.isPresent()) {
            throw new PluginConfigException(SMTP_GATEWAY, "cannot be set together with smtp_server: set smtp_server for a mail relay or smtp_gateway for the MX records of a domain");
        }
        if (server.isEmpty() && gateway.isEmpty()) {
            throw new PluginConfigException(SMTP_SERVER, "is required for " + config.pluginName() + " (or smtp_gateway, a domain whose MX records are looked up)");
        }
        if (gateway.isPresent() && !DOMAIN.matcher(gateway.get()).matches()) {
            throw new PluginConfigException(SMTP_GATEWAY, "must be a domain name such as example.com (its MX records are looked up), without a port");
        }
        Tls tls = switch (config.optional(TLS).orElse("starttls").trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Tls.NONE;
            case "starttls" -> Tls.STARTTLS;
            case "implicit", "ssl", "smtps" -> Tls.IMPLICIT;
            default -> throw new PluginConfigException(TLS, "must be starttls, implicit or none");
        };
        int port = config.intValue(PORT, gateway.isPresent() && tls == Tls.STARTTLS ? 25 : tls.defaultPort);
        if (port < 1 || port > 65535) {
            throw new PluginConfigException(PORT, "must be a TCP port (1-65535)");
        }
        Optional<String> username = config.optional(USERNAME);
        Optional<String> password = config.optional(PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new PluginConfigException(username.isPresent() ? PASSWORD : USERNAME, "must be set together with " + (username.isPresent() ? USERNAME : PASSWORD));
        }
        int timeoutSeconds = config.intValue(TIMEOUT, 10);
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw new PluginConfigException(TIMEOUT, "must be between 1 and 300 seconds");
        }
        int maxConnections = config.intValue(MAX_CONNECTIONS, 4);
        if (maxConnections < 1 || maxConnections > 64) {
            throw new PluginConfigException(MAX_CONNECTIONS, "must be between 1 and 64");
        }
        int mxCacheSeconds = config.intValue(MX_CACHE_SECONDS, 300);
        if (mxCacheSeconds < 1 || mxCacheSeconds > 86_400) {
            throw new PluginConfigException(MX_CACHE_SECONDS, "must be between 1 and 86400 seconds");
        }
        if (server.isPresent() && config.optional(MX_CACHE_SECONDS).isPresent()) {
            throw new PluginConfigException(MX_CACHE_SECONDS, "applies to smtp_gateway only");
        }
        return new SmtpConfig(
                server,
                gateway.map(domain -> domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain),
                Duration.ofSeconds(mxCacheSeconds),
                port,
                tls,
                config.optional(SSL_TRUST),
                address(FROM, config.required(FROM)),
                config.optional(REPLY_TO).map(value -> address(REPLY_TO, value)),
                username,
                password,
                Duration.ofSeconds(timeoutSeconds),
                maxConnections);
    }

    /**
     * Jakarta Mail session properties. No credentials: they are passed to {@code connect}.
     */
    Properties sessionProperties()
    {
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        server.ifPresent(host -> properties.put("mail.smtp.host", host));
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.auth", String.valueOf(username.isPresent()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        if (tls == Tls.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (tls == Tls.IMPLICIT) {
            properties.put("mail.smtp.ssl.enable", "true");
        }
        sslTrust.ifPresent(trust -> properties.put("mail.smtp.ssl.trust", trust));
        return properties;
    }

    private static InternetAddress address(String key, String value)
    {
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            return address;
        }
        catch (AddressException e) {
            throw new PluginConfigException(key, "must be an email address such as Iris <iris@example.com>");
        }
    }

    @Override
    public String toString()
    {
        return "SmtpConfig{" + server.orElseGet(() -> "MX of " + gateway.orElseThrow()) + ":" + port + ", tls=" + tls + ", from=" + from + ", auth=" + username.isPresent() + "}";
    }
}
