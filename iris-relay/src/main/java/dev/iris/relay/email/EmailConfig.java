package dev.iris.relay.email;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.dropwizard.util.DataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.Optional;

/**
 * The {@code email:} section: the HTTP inbound-mail endpoint's shared secret and the IMAP poller.
 */
public class EmailConfig
{
    /**
     * Secret that callers of {@code POST /api/v0/email/relay} present in the
     * {@value InboundMailResource#SECRET_HEADER} header. Empty: the endpoint is off.
     */
    // An unset environment variable (${X:-}) arrives as null: treat it as empty.
    @JsonSetter(nulls = Nulls.AS_EMPTY)
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    private String inboundSecret = "";

    /** The largest mail the HTTP endpoint accepts. */
    @NotNull
    @JsonProperty
    private DataSize maxMessageSize = DataSize.mebibytes(10);

    @Valid
    @NotNull
    @JsonProperty
    private ImapConfig imap = new ImapConfig();

    public Optional<String> getInboundSecret()
    {
        return inboundSecret.isBlank() ? Optional.empty() : Optional.of(inboundSecret);
    }

    public DataSize getMaxMessageSize()
    {
        return maxMessageSize;
    }

    public ImapConfig getImap()
    {
        return imap;
    }
}
