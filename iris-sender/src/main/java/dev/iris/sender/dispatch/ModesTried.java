package dev.iris.sender.dispatch;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code message.modes_tried} column: the names of the modes a page already failed in,
 * comma-separated, in the order they failed.
 */
final class ModesTried
{
    private ModesTried() {}

    static Set<String> parse(String column)
    {
        Set<String> modes = new LinkedHashSet<>();
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.split(",")).map(String::strip).filter(mode -> !mode.isEmpty()).forEach(modes::add);
        }
        return modes;
    }

    static String add(String column, String mode)
    {
        Set<String> modes = parse(column);
        modes.add(mode);
        return String.join(",", modes);
    }
}
