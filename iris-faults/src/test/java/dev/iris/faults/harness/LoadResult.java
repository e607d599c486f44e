package dev.iris.faults.harness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load generator saw: every answer's status, connection failures, the incidents created,
 * and a sample of the failed answers for the assertion messages. Thread-safe.
 */
public final class LoadResult
{
    private static final int SAMPLE = 10;

    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger unreachable = new AtomicInteger();
    private final ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger gaveUp = new AtomicInteger();

    /**
     * An incident the API answered 201 for, and when the answer arrived.
     */
    public record Created(long incidentId, Instant answered) {}

    public void answered(int status, String body)
    {
        statuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
        if ((status >= 500 || status == 401) && failures.size() < SAMPLE) {
            failures.add(status + " " + body);
        }
    }

    public void unreachable(String reason)
    {
        unreachable.incrementAndGet();
        if (failures.size() < SAMPLE) {
            failures.add("no answer: " + reason);
        }
    }

    public void created(long incidentId, Instant answered)
    {
        created.add(new Created(incidentId, answered));
    }

    public void gaveUp()
    {
        gaveUp.incrementAndGet();
    }

    public int count(int status)
    {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    public int serverErrors()
    {
        return statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500).mapToInt(entry -> entry.getValue().get()).sum();
    }

    /**
     * 5xx answers other than 503 (the documented "retry later" answer while the database is away).
     */
    public int serverErrorsBut503()
    {
        return serverErrors() - count(503);
    }

    public int requests()
    {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum() + unreachable.get();
    }

    public int unreachableCount()
    {
        return unreachable.get();
    }

    public int gaveUpCount()
    {
        return gaveUp.get();
    }

    public List<Created> createdIncidents()
    {
        return new ArrayList<>(created);
    }

    @Override
    public String toString()
    {
        Map<Integer, Integer> sorted = new TreeMap<>();
        statuses.forEach((status, count) -> sorted.put(status, count.get()));
        return "answers by status " + sorted + ", no answer " + unreachable.get() + ", given up " + gaveUp.get()
                + (failures.isEmpty() ? "" : ", e.g. " + failures);
    }
}
