package dev.iris.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the CLI's time arguments: {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}; instants as
 * ISO-8601 ({@code 2026-11-21T09:00:00Z}) or unix seconds.
 */
public final class Durations
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

    private Durations() {}

    public static Duration parseDuration(String text)
    {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new UsageException("Invalid duration '" + text + "' (expected e.g. 30m, 2h, 7d)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    public static Instant parseInstant(String text)
    {
        String trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(trimmed));
        }
        try {
            return Instant.parse(trimmed);
        }
        catch (DateTimeParseException e) {
            throw new UsageException("Invalid time '" + text + "' (expected ISO-8601 like 2026-11-21T09:00:00Z, or unix seconds)");
        }
    }
}
