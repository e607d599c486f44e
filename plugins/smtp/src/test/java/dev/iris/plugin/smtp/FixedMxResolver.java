package dev.iris.plugin.smtp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link MxResolver} for tests: answers with the records (or the failure) it was last given,
 * and counts the lookups.
 */
final class FixedMxResolver
        implements MxResolver
{
    private volatile List<MxRecord> records = List.of();
    private volatile IOException failure;
    private final AtomicInteger lookups = new AtomicInteger();

    /**
     * @param records MX records as DNS writes them, "10 mx1.example.com."
     */
    FixedMxResolver answer(String... records)
    {
        this.records = java.util.Arrays.stream(records).map(MxRecord::parse).toList();
        this.failure = null;
        return this;
    }

    FixedMxResolver fail(IOException failure)
    {
        this.failure = failure;
        return this;
    }

    int lookups()
    {
        return lookups.get();
    }

    @Override
    public List<MxRecord> resolve(String domain)
            throws IOException
    {
        lookups.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return records;
    }
}
