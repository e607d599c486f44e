package dev.iris.core.status;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A component and the feeds that drive it.
 */
public record ComponentDefinition(int id, String name, String description, int displayOrder, List<Feed> feeds)
{
    public ComponentDefinition
    {
        requireNonNull(name, "name is null");
        description = description == null ? "" : description;
        feeds = List.copyOf(feeds);
    }

    public boolean feeds(ImpactingIncident incident)
    {
        return feeds.stream().anyMatch(feed -> feed.matches(incident));
    }
}
