package dev.iris.plugin.smtp;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds a domain's MX records. {@link DnsMxResolver} asks DNS; tests give a fixed list.
 * Implementations are thread-safe.
 */
interface MxResolver
{
    /**
     * The MX records of {@code domain}, in any order; empty when the domain exists but has none.
     *
     * @throws UnknownHostException when the domain does not exist
     * @throws IOException when DNS cannot answer now (no server, timeout)
     */
    List<MxRecord> resolve(String domain)
            throws IOException;
}
