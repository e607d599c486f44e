package dev.iris.core.incident;

import java.util.List;

/**
 * The outcome of {@code POST /v0/incidents/claim}: the ids now claimed by {@code owner}, and the
 * ids left (or put back) unclaimed.
 */
public record BulkClaimResult(String owner, List<Long> claimed, List<Long> unclaimed)
{
    public BulkClaimResult
    {
        claimed = List.copyOf(claimed);
        unclaimed = List.copyOf(unclaimed);
    }
}
