package dev.iris.api.status;

import dev.iris.api.ui.Markdown;
import dev.iris.core.postmortem.PostmortemService;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The postmortems published on the status page: titles for the list, and each one's public part
 * as HTML (Markdown rendered with raw HTML escaped).
 */
public final class PublishedPostmortems
{
    public record Summary(long id, String title, Instant published) {}

    private final PostmortemService postmortems;

    @Inject
    public PublishedPostmortems(PostmortemService postmortems)
    {
        this.postmortems = requireNonNull(postmortems, "postmortems is null");
    }

    public List<Summary> list()
    {
        return postmortems.published().stream().map(header -> new Summary(header.id(), header.title(), header.published())).toList();
    }

    public Optional<String> html(long id)
    {
        return postmortems.publishedMarkdown(id).map(Markdown::toHtml);
    }
}
