package dev.iris.spi.rolelookup;

import java.util.List;
import java.util.Optional;

/**
 * Expands a plan step's role and target (role {@code team}, target {@code db-team}) into the
 * usernames to page.
 *
 * <p>Lookups form a chain: Iris asks each configured lookup in order and takes the first answer
 * that is not empty-optional. Implementations are thread-safe and may cache briefly.
 */
public interface RoleLookup
        extends AutoCloseable
{
    /**
     * @return {@link Optional#empty()} when this lookup does not handle the role or does not know
     *         the target ("not mine": the next lookup is asked); otherwise the usernames, possibly
     *         an empty list when the lookup knows the target but nobody fills the role now
     * @throws RoleLookupException when the source failed (unreachable directory, API error); its
     *         message is shown to the plan creator who gets paged instead
     */
    Optional<List<String>> lookup(String role, String target)
            throws RoleLookupException;

    @Override
    default void close() {}
}
