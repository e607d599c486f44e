package dev.iris.sender;

import dev.iris.spi.task.PeriodicTask;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

final class PeriodicTaskRunnerTest
{
    @Test
    void runsRepeatedlyKeepsGoingAfterFailuresAndClosesOnStop()
            throws Exception
    {
        CountingTask task = new CountingTask(4);
        PeriodicTaskRunner runner = new PeriodicTaskRunner(List.of(new PeriodicTaskRunner.NamedTask("counting", task)));
        runner.start();
        // Runs 1 and 3 throw; the schedule must survive them and reach run 4.
        assertThat(task.fourRuns.await(30, TimeUnit.SECONDS)).isTrue();
        runner.stop();
        assertThat(task.closed).isTrue();
        assertThat(task.overlapped).isFalse();
    }

    private static final class CountingTask
            implements PeriodicTask
    {
        private final CountDownLatch fourRuns;
        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile boolean overlapped;
        private volatile boolean closed;

        CountingTask(int expectedRuns)
        {
            this.fourRuns = new CountDownLatch(expectedRuns);
        }

        @Override
        public Duration interval()
        {
            return Duration.ofMillis(10);
        }

        @Override
        public void run()
        {
            if (!running.compareAndSet(false, true)) {
                overlapped = true;
            }
            try {
                int run = runs.incrementAndGet();
                fourRuns.countDown();
                if (run % 2 == 1) {
                    throw new IllegalStateException("directory unreachable");
                }
            }
            finally {
                running.set(false);
            }
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }
}
