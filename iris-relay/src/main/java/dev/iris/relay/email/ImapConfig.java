package dev.iris.relay.email;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code email.imap:} section. The poller runs only when {@code host} is set.
 */
public class ImapConfig
{
    public enum Security
    {
        /** Plain text: only for a server on the same host or in tests. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which is then required. */
        STARTTLS,
        /** TLS from the first byte (imaps, usually port 993). */
        TLS
    }

    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty
    private String host = "";

    @Min(1)
    @Max(65535)
    @JsonProperty
    private int port = 993;

    @NotNull
    @JsonProperty
    private Security security = Security.TLS;

    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty
    private String username = "";

    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String password = "";

    @NotEmpty
    @JsonProperty
    private String folder = "INBOX";

    @NotNull
    @JsonProperty
    private Duration pollInterval = Duration.seconds(30);

    /** Connect and read timeout for the IMAP server. */
    @NotNull
    @JsonProperty
    private Duration timeout = Duration.seconds(20);

    /** At most this many unread mails are handled per poll; the rest wait for the next one. */
    @Min(1)
    @JsonProperty
    private int batchSize = 50;

    public boolean isEnabled()
    {
        return !host.isBlank();
    }

    public String getHost()
    {
        return host;
    }

    public int getPort()
    {
        return port;
    }

    public Security getSecurity()
    {
        return security;
    }

    public String getUsername()
    {
        return username;
    }

    public String getPassword()
    {
        return password;
    }

    public String getFolder()
    {
        return folder;
    }

    public Duration getPollInterval()
    {
        return pollInterval;
    }

    public Duration getTimeout()
    {
        return timeout;
    }

    public int getBatchSize()
    {
        return batchSize;
    }
}
