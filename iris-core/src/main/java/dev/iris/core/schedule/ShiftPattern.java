package dev.iris.core.schedule;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The lengths of consecutive shifts, repeated: {@code 1w}, {@code 2d}, {@code 12h}, or a custom
 * cycle such as {@code 8h,8h,8h} (follow-the-sun) or {@code 5d,2d}. Day and week lengths are
 * counted on the wall clock of the rotation's time zone (a week from Monday 09:00 is the next
 * Monday 09:00 even across a daylight-saving change); hour lengths are elapsed hours.
 */
public final class ShiftPattern
{
    private static final Pattern PART = Pattern.compile("([1-9][0-9]{0,3})([hdw])");

    private record Length(long days, long hours) {}

    private final String text;
    private final List<Length> lengths;
    private final long cycleDays;
    private final long cycleHours;

    private ShiftPattern(String text, List<Length> lengths)
    {
        this.text = text;
        this.lengths = List.copyOf(lengths);
        this.cycleDays = lengths.stream().mapToLong(Length::days).sum();
        this.cycleHours = lengths.stream().mapToLong(Length::hours).sum();
    }

    /**
     * @throws IllegalArgumentException with a message for people when the text is not a pattern
     */
    public static ShiftPattern parse(String text)
    {
        requireNonNull(text, "text is null");
        List<Length> lengths = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher matcher = PART.matcher(part.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("shift '" + part.trim() + "' is not a length such as 12h, 1d or 1w");
            }
            long count = Long.parseLong(matcher.group(1));
            lengths.add(switch (matcher.group(2)) {
                case "h" -> new Length(0, count);
                case "d" -> new Length(count, 0);
                default -> new Length(7 * count, 0);
            });
        }
        if (lengths.size() > 50) {
            throw new IllegalArgumentException("a shift pattern has at most 50 shifts");
        }
        return new ShiftPattern(String.join(",", text.replace(" ", "").split(",")), lengths);
    }

    public int size()
    {
        return lengths.size();
    }

    /**
     * The start of shift {@code index} (0 is the anchor).
     */
    ZonedDateTime boundary(ZonedDateTime anchor, long index)
    {
        long cycles = Math.floorDiv(index, lengths.size());
        int within = (int) Math.floorMod(index, lengths.size());
        long days = cycles * cycleDays;
        long hours = cycles * cycleHours;
        for (int i = 0; i < within; i++) {
            days += lengths.get(i).days();
            hours += lengths.get(i).hours();
        }
        // Days on the local calendar (keeps the wall-clock time across DST), hours elapsed.
        return anchor.plusDays(days).plus(Duration.ofHours(hours));
    }

    /**
     * The index of the shift that contains {@code instant}, which is not before the anchor.
     */
    long indexAt(ZonedDateTime anchor, ZonedDateTime instant)
    {
        Duration approximateCycle = Duration.ofHours(cycleDays * 24 + cycleHours);
        long elapsedCycles = Duration.between(anchor, instant).dividedBy(approximateCycle);
        // Daylight-saving shifts move boundaries by at most an hour per change; start a cycle
        // early and walk forward.
        long index = Math.max(0, (elapsedCycles - 1) * lengths.size());
        while (!boundary(anchor, index + 1).isAfter(instant)) {
            index++;
        }
        while (index > 0 && boundary(anchor, index).isAfter(instant)) {
            index--;
        }
        return index;
    }

    @Override
    public String toString()
    {
        return text;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ShiftPattern that && text.equals(that.text);
    }

    @Override
    public int hashCode()
    {
        return text.hashCode();
    }
}
