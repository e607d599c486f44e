package dev.iris.api.ui;

import dev.iris.common.http.IrisException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The incident ids of a bulk action: ticked boxes (one value each) and a group's comma-separated
 * list, deduplicated, capped so one form cannot lock the whole table.
 */
final class BulkSelection
{
    static final int MAX = 1000;

    private BulkSelection() {}

    static List<Long> ids(List<String> ticked, String group)
    {
        List<String> values = new ArrayList<>(ticked == null ? List.of() : ticked);
        if (group != null && !group.isBlank()) {
            values.addAll(List.of(group.split(",")));
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(value.strip()));
            }
            catch (NumberFormatException e) {
                throw IrisException.badRequest("Invalid incident id", value.strip());
            }
        }
        if (ids.size() > MAX) {
            throw IrisException.badRequest("Too many incidents", "Select at most " + MAX + " at once");
        }
        return List.copyOf(ids);
    }
}
