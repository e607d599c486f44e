package dev.iris.core.response;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Iris's reply grammar for SMS and email (reference section 5.4), rule for rule:
 * <ol>
 * <li>anything starting with {@code f} or {@code F}: an apology, no action (except a batch id
 * starting with {@code f}, see below);</li>
 * <li>exactly {@code a} or {@code l} (any case, trailing blanks): claim all, claim last;</li>
 * <li>{@code <id> <cmd> [args]} or {@code <cmd> <id> [args]}, where the id is a message id
 * (digits) or a batch id (32 hex digits) and the command {@code claim} or {@code suppress};</li>
 * <li>{@code claim last} / {@code claim all} at the start (any case, any blanks between);</li>
 * <li>anything else, including a bare id or a bare {@code claim}, is invalid.</li>
 * </ol>
 * Emails add one rule: a first line that is exactly {@code claim} (or {@code suppress}) takes the
 * id from a subject of the form {@code Re: <id> ...}.
 */
public final class ReplyParser
{
    private static final Set<String> COMMANDS = Set.of(Reply.CLAIM, Reply.SUPPRESS);
    // Long enough for any BIGINT id, short enough to parse as a long.
    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern BATCH_ID = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SINGLE_A = Pattern.compile("a\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SINGLE_L = Pattern.compile("l\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAIM_LAST = Pattern.compile("claim\\s+last", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAIM_ALL = Pattern.compile("claim\\s+all", Pattern.CASE_INSENSITIVE);

    private ReplyParser() {}

    /**
     * Parses an SMS body or the first line of an email; empty when Iris would answer
     * {@code Invalid response}.
     */
    public static Optional<Reply> parse(String text)
    {
        String reply = text == null ? "" : text.strip();
        String[] halves = WHITESPACE.split(reply, 2);
        if (halves.length == 2 && isBatchId(halves[0])) {
            // Deliberate fix: Iris apologises for any reply starting with "f", so one batch id in
            // sixteen (those starting with "f") could never be claimed by SMS.
            Optional<Reply> batch = withId(halves[0], WHITESPACE.split(halves[1], 2)[0].toLowerCase(Locale.ROOT));
            if (batch.isPresent()) {
                return batch;
            }
        }
        if (reply.toLowerCase(Locale.ROOT).startsWith("f")) {
            return Optional.of(Reply.apology());
        }
        if (SINGLE_A.matcher(reply).matches()) {
            return Optional.of(Reply.claimAll());
        }
        if (SINGLE_L.matcher(reply).matches()) {
            return Optional.of(Reply.claimLast());
        }

        if (halves.length < 2 || halves[1].isEmpty()) {
            // A bare id, a bare command, nothing at all.
            return Optional.empty();
        }
        String first = halves[0];
        String rest = halves[1];

        // <id> <cmd> [args...]
        String commandAfterId = WHITESPACE.split(rest, 2)[0].toLowerCase(Locale.ROOT);
        Optional<Reply> idFirst = withId(first, commandAfterId);
        if (idFirst.isPresent()) {
            return idFirst;
        }
        // <cmd> <id> [args...]
        String idAfterCommand = WHITESPACE.split(rest, 2)[0];
        Optional<Reply> commandFirst = withId(idAfterCommand, first.toLowerCase(Locale.ROOT));
        if (commandFirst.isPresent()) {
            return commandFirst;
        }

        if (CLAIM_LAST.matcher(reply).lookingAt()) {
            return Optional.of(Reply.claimLast());
        }
        if (CLAIM_ALL.matcher(reply).lookingAt()) {
            return Optional.of(Reply.claimAll());
        }
        return Optional.empty();
    }

    /**
     * Parses the first line of an email reply, with the email's subject for Iris's
     * {@code Re: <id>} rule.
     */
    public static Optional<Reply> parseEmail(String firstLine, String subject)
    {
        String line = firstLine == null ? "" : firstLine.strip();
        // Iris compares the bare line exactly (case-sensitive) here.
        if (subject != null && COMMANDS.contains(line)) {
            String[] parts = WHITESPACE.split(subject.strip(), 3);
            if (parts.length > 1 && parts[0].equals("Re:")) {
                Optional<Reply> fromSubject = withId(parts[1], line);
                if (fromSubject.isPresent()) {
                    return fromSubject;
                }
            }
        }
        return parse(line);
    }

    /**
     * A key pressed during a call: Iris's phone menu has {@code 2} for claim; any other key is not
     * a command (empty).
     */
    public static Optional<Reply> parseKeypress(String digits, String messageOrBatchId)
    {
        if (!"2".equals(digits == null ? null : digits.strip())) {
            return Optional.empty();
        }
        return withId(messageOrBatchId == null ? "" : messageOrBatchId.strip(), Reply.CLAIM);
    }

    /**
     * The first line of an email body, stripped (Iris only reads that line).
     */
    public static String firstLine(String body)
    {
        String stripped = body == null ? "" : body.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }

    public static boolean isMessageId(String id)
    {
        return id != null && MESSAGE_ID.matcher(id).matches();
    }

    public static boolean isBatchId(String id)
    {
        return id != null && BATCH_ID.matcher(id).matches();
    }

    private static Optional<Reply> withId(String id, String command)
    {
        if (!COMMANDS.contains(command)) {
            return Optional.empty();
        }
        if (isMessageId(id)) {
            return Optional.of(Reply.message(id, command));
        }
        if (isBatchId(id)) {
            return Optional.of(Reply.batch(id.toLowerCase(Locale.ROOT), command));
        }
        return Optional.empty();
    }
}
