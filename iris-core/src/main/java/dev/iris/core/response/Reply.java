package dev.iris.core.response;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a person's reply asks for, once parsed (Iris's {@code parse_response}).
 *
 * @param kind what the reply does
 * @param id the message id (digits) or batch id (32 hex digits, lower case) it names, for
 *         {@link Kind#MESSAGE} and {@link Kind#BATCH}; empty otherwise
 * @param command {@code claim} or {@code suppress} for a reply naming an id, {@code claim} for the
 *         others
 */
public record Reply(Kind kind, Optional<String> id, String command)
{
    public static final String CLAIM = "claim";
    public static final String SUPPRESS = "suppress";

    public enum Kind
    {
        /** A reply starting with "f": no action, an apology. */
        APOLOGY,
        /** A command on one message. */
        MESSAGE,
        /** A command on every message of a batch. */
        BATCH,
        /** Claim the incident of the latest message sent to the replier. */
        CLAIM_LAST,
        /** Claim every active incident the replier was paged for. */
        CLAIM_ALL
    }

    public Reply
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(command, "command is null");
    }

    public static Reply apology()
    {
        return new Reply(Kind.APOLOGY, Optional.empty(), CLAIM);
    }

    public static Reply claimLast()
    {
        return new Reply(Kind.CLAIM_LAST, Optional.empty(), CLAIM);
    }

    public static Reply claimAll()
    {
        return new Reply(Kind.CLAIM_ALL, Optional.empty(), CLAIM);
    }

    public static Reply message(String messageId, String command)
    {
        return new Reply(Kind.MESSAGE, Optional.of(messageId), command);
    }

    public static Reply batch(String batchId, String command)
    {
        return new Reply(Kind.BATCH, Optional.of(batchId), command);
    }

    public boolean isClaim()
    {
        return CLAIM.equals(command);
    }
}
