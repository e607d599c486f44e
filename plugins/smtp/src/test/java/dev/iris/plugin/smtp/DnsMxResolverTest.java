package dev.iris.plugin.smtp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The JNDI lookup itself. There is no DNS server for a test here (parsing of the records it
 * returns is {@link MxRecordTest}), so this checks that the JDK's DNS provider is wired up and
 * that a DNS server that cannot answer is an {@link IOException} (a transient failure), not a
 * naming error or a hang.
 */
final class DnsMxResolverTest
{
    @Test
    void unreachableDnsServerIsAnIoFailure()
            throws Exception
    {
        int closedPort;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DnsMxResolver resolver = new DnsMxResolver(Duration.ofSeconds(1), Optional.of("dns://127.0.0.1:" + closedPort));

        long start = System.nanoTime();
        IOException failure = catchThrowableOfType(IOException.class, () -> resolver.resolve("example.com"));

        assertThat(failure).isNotInstanceOf(UnknownHostException.class);
        assertThat(failure.getMessage()).contains("MX records of example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
