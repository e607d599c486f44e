package dev.iris.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A TCP forwarder on 127.0.0.1 between a process and a server (the test database), so a test can
 * take the server away from that process as a network failure would: {@link #cut()} drops every
 * open connection and refuses new ones, {@link #restore()} accepts them again on the same port.
 */
public final class TcpProxy
        implements AutoCloseable
{
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new ArrayList<>();
    private ServerSocket listener;
    private boolean closed;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /**
     * Starts forwarding a free local port to {@code targetHost:targetPort}.
     */
    public static TcpProxy to(String targetHost, int targetPort)
    {
        requireNonNull(targetHost, "targetHost is null");
        TcpProxy proxy = new TcpProxy(targetHost, targetPort, listen(0));
        proxy.acceptInBackground(proxy.listener);
        return proxy;
    }

    /**
     * Starts forwarding to the server of a {@code jdbc:mysql://host:port/...} URL.
     */
    public static TcpProxy toJdbcUrl(String jdbcUrl)
    {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        return to(server.getHost(), server.getPort() < 0 ? 3306 : server.getPort());
    }

    /**
     * The same {@code jdbc:mysql://} URL, pointing at this proxy instead of the server.
     */
    public String jdbcUrlThroughProxy(String jdbcUrl)
    {
        return jdbcUrl.replaceFirst("^jdbc:mysql://[^/]+/", "jdbc:mysql://127.0.0.1:" + port + "/");
    }

    /**
     * The local port clients connect to.
     */
    public int port()
    {
        return port;
    }

    /**
     * Closes every forwarded connection and the listening socket: the server is unreachable.
     */
    public synchronized void cut()
    {
        closeQuietly(listener);
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /**
     * Listens again on the same port after {@link #cut()}.
     */
    public synchronized void restore()
    {
        if (!listener.isClosed()) {
            return;
        }
        listener = listen(port);
        acceptInBackground(listener);
    }

    @Override
    public synchronized void close()
    {
        closed = true;
        cut();
    }

    private static ServerSocket listen(int port)
    {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptInBackground(ServerSocket socket)
    {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    forward(socket.accept());
                }
                catch (IOException e) {
                    // Closed by cut() or close().
                    return;
                }
            }
        }, "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void forward(Socket client)
    {
        Socket server;
        try {
            server = new Socket(targetHost, targetPort);
        }
        catch (IOException e) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            if (closed || listener.isClosed()) {
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            open.add(client);
            open.add(server);
        }
        pump(client, server);
        pump(server, client);
    }

    private void pump(Socket from, Socket to)
    {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
            catch (IOException e) {
                // One side went away (or cut() closed it): end both.
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception e) {
            // Nothing left to do for a socket that will not close.
        }
    }
}
