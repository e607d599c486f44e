package dev.iris.api.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Iris's {@code fields} parameter: {@code fields=a,b} or {@code fields=a&fields=b}; none means all.
 */
final class StatFields
{
    private StatFields() {}

    static Set<String> parse(List<String> fields)
    {
        if (fields == null) {
            return Set.of();
        }
        return fields.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
