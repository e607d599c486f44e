package dev.iris.core.status;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which incidents the components' feeds can match, so the state computation reads only those.
 *
 * <p>The recorder computes the states every few seconds on every API node, and Iris leaves most
 * incidents unresolved (their plans end; nobody resolves them), so reading every recent
 * unresolved incident, with its context parsed for labels, grows with the incident table: in a
 * storm it took more of an API node's CPU than the triggers did. Application, plan and heartbeat
 * feeds name their incidents exactly and become a filter in the query; label and dedup-prefix
 * feeds can match any incident, and only they make the board read all of them (and only label
 * feeds make it parse the contexts). With no feeds nothing is read.
 */
record FeedSelection(Set<FeedKind> kinds, List<String> applications, List<String> plans, List<String> dedupKeys)
{
    static FeedSelection of(Collection<ComponentDefinition> components)
    {
        Set<FeedKind> kinds = EnumSet.noneOf(FeedKind.class);
        Set<String> applications = new TreeSet<>();
        Set<String> plans = new TreeSet<>();
        Set<String> dedupKeys = new TreeSet<>();
        for (ComponentDefinition component : components) {
            for (Feed feed : component.feeds()) {
                kinds.add(feed.kind());
                switch (feed.kind()) {
                    case APPLICATION -> applications.add(feed.value());
                    case PLAN -> plans.add(feed.value());
                    case HEARTBEAT -> dedupKeys.add(Feed.heartbeatDedupKey(feed.value()));
                    case LABEL, DEDUP_PREFIX -> { }
                }
            }
        }
        return new FeedSelection(kinds, List.copyOf(applications), List.copyOf(plans), List.copyOf(dedupKeys));
    }

    boolean readsNothing()
    {
        return kinds.isEmpty();
    }

    /**
     * Whether a feed can match any incident, so none can be left out by the query.
     */
    boolean readsEveryIncident()
    {
        return kinds.contains(FeedKind.LABEL) || kinds.contains(FeedKind.DEDUP_PREFIX);
    }

    boolean needsLabels()
    {
        return kinds.contains(FeedKind.LABEL);
    }
}
